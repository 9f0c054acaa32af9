// V8 settings the hub runs with. A bounded old generation makes V8 collect before it grows (a hub holds thousands of
// idle pay calls; see docs/BENCHMARKS.md), small semi-spaces keep idle memory low; 384 MB stays well above what
// the hub's admission limit (limits.maxHeldPayments) can fill. package.json's "hub" script repeats them.
export const HUB_NODE_FLAGS = ['--max-semi-space-size=4', '--max-old-space-size=384'];
