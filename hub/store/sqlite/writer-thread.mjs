// Starts the writer thread from the built bundle when there is one, else from the TypeScript source through tsx.
try {
  await import(new URL('./writer-worker.mjs', import.meta.url).href);
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('./writer-worker.ts', import.meta.url).href);
}
