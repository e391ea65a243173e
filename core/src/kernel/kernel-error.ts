/** A misuse of the kernel by a plugin or by the configuration; the message says who and what. */
export class KernelError extends Error {
  override name = 'KernelError';
}

/** Bad plugins.config.ts: collected so the operator sees every problem in one message. */
export class PluginConfigError extends KernelError {
  override name = 'PluginConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid plugin configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}
