/**
 * @module storage/notifier
 * A wake-up signal between a store's writers and its watchers. Writers call `notify()` right
 * after a commit; each waiting watcher resumes once. It carries no data: a woken watcher reads
 * whatever is new itself, so wake-ups coalesce and a slow watcher never holds up a writer.
 */

export class ChangeNotifier {
  private waiters = new Set<() => void>();

  /** Wakes every current waiter. Safe to call at any time, including with nobody waiting. */
  notify(): void {
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  /**
   * Resolves at the next `notify()` or when `signal` aborts, whichever comes first. Never
   * rejects. Register before yielding to the event loop, so no notification can slip between a
   * read and the wait.
   */
  wait(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        this.waiters.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.waiters.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  /** Number of watchers currently waiting (for tests and metrics). */
  get waiting(): number {
    return this.waiters.size;
  }
}
