import { KernelError } from './kernel-error.js';

/** A typed handle to a service another plugin provides: `createServiceRef<DialogReader>('chat.dialogs')`. */
export interface ServiceRef<T> {
  readonly id: string;
  /** Carries the type only; never set. */
  readonly _type?: T;
}

export function createServiceRef<T>(id: string): ServiceRef<T> {
  if (!/^[a-z][a-z0-9-]*\.[a-zA-Z][\w.-]*$/.test(id)) {
    throw new KernelError(`Service ref id "${id}" must read "<pluginId>.<name>"`);
  }
  return { id };
}

/** Holds the services plugins provide. Scoped views enforce who may provide and who may read. */
export class ServiceRegistry {
  private readonly services = new Map<string, unknown>();

  scopedTo(pluginId: string, dependsOn: readonly string[]): ScopedServices {
    const owner = (ref: ServiceRef<unknown>) => ref.id.slice(0, ref.id.indexOf('.'));
    return {
      provide: (ref, impl) => {
        if (owner(ref) !== pluginId) {
          throw new KernelError(`Plugin "${pluginId}" cannot provide service "${ref.id}": only "${owner(ref)}" can`);
        }
        if (this.services.has(ref.id)) throw new KernelError(`Service "${ref.id}" is provided twice`);
        this.services.set(ref.id, impl);
      },
      get: (ref) => {
        const from = owner(ref);
        if (from !== pluginId && from !== 'core' && !dependsOn.includes(from)) {
          throw new KernelError(
            `Plugin "${pluginId}" reads service "${ref.id}" but does not list "${from}" in dependsOn`,
          );
        }
        if (!this.services.has(ref.id)) {
          throw new KernelError(`Service "${ref.id}" is not provided (is plugin "${from}" enabled?)`);
        }
        return this.services.get(ref.id) as never;
      },
    };
  }

  provideCore<T>(ref: ServiceRef<T>, impl: T): void {
    this.services.set(ref.id, impl);
  }
}

export interface ScopedServices {
  provide<T>(ref: ServiceRef<T>, impl: T): void;
  get<T>(ref: ServiceRef<T>): T;
}
