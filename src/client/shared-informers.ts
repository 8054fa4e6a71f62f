/**
 * @module client/shared-informers
 * One informer per resource for the components that share a process and a client (the
 * controllers), as upstream's SharedInformerFactory: each resource is listed and watched once,
 * however many controllers read it, instead of once per controller. Informers start on first
 * use and run until the factory's signal aborts; a component registers handlers with `on` (and
 * removes them with the function it returns when it stops) and reads the shared lister.
 */
import type { KubeObject } from '../machinery/meta.js';
import type { Clock } from '../util/clock.js';
import { Informer } from './informer.js';
import { refId } from './resources.js';
import type { ResourceRef, RestClient } from './rest-client.js';

export class SharedInformers {
  private readonly informers = new Map<string, Informer<KubeObject>>();
  private readonly runs: Promise<void>[] = [];

  constructor(
    private readonly client: RestClient,
    private readonly signal: AbortSignal,
    private readonly opts: { clock: Clock; onError?: (err: unknown, resource: string) => void },
  ) {}

  /** The informer of every object of `ref` (all namespaces, no selector), started on first use. */
  get<T extends KubeObject>(ref: ResourceRef): Informer<T> {
    const id = refId(ref);
    let inf = this.informers.get(id);
    if (!inf) {
      inf = new Informer(this.client, ref, {
        clock: this.opts.clock,
        onError: (err) => this.opts.onError?.(err, id),
      });
      this.informers.set(id, inf);
      this.runs.push(inf.run(this.signal));
    }
    return inf as unknown as Informer<T>;
  }

  /** Resolves once the signal aborted and every informer started until then has stopped. */
  async done(): Promise<void> {
    if (!this.signal.aborted)
      await new Promise<void>((r) => this.signal.addEventListener('abort', () => r(), { once: true }));
    await Promise.all(this.runs);
  }
}
