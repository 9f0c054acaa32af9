import type { z } from 'zod';

// One wording for a config file's bad keys, whichever program reads it: `invalid config key "listen.prot": unknown key`.

/** Every problem of a failed parse, one line each; an unknown key is named with its full path. */
export function configIssueLines(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => keyLine([...path, key], 'unknown key'));
    return [keyLine(path, issue.message)];
  });
}

function keyLine(path: string[], message: string): string {
  return `invalid config key "${path.join('.') || '(root)'}": ${message}`;
}
