/**
 * What the benchmark holds open (the load generator, the server, the scratch database), released
 * newest first and each exactly once, whether the run ends normally or is interrupted: the server
 * always closes before the database it reads from is removed, and a database still being created
 * when Ctrl-C arrives is removed once it exists.
 */
export class Teardown {
  private readonly held: (() => Promise<void>)[] = [];
  private readonly opening = new Set<Promise<unknown>>();

  /** Holds `release` until it runs; answers it, made to run once whoever calls it first. */
  add(release: () => Promise<void>): () => Promise<void> {
    let done: Promise<void> | undefined;
    const once = () => {
      done ??= release().finally(() => {
        const at = this.held.indexOf(once);
        if (at >= 0) this.held.splice(at, 1);
      });
      return done;
    };
    this.held.push(once);
    return once;
  }

  /** Holds what `opening` answers (if anything) as soon as it exists; answers it and its release. */
  async open<T>(
    opening: Promise<T | undefined>,
    release: (value: T) => Promise<void>,
  ): Promise<{ value: T; release: () => Promise<void> } | undefined> {
    const registered = opening.then((value) =>
      value === undefined ? undefined : { value, release: this.add(() => release(value)) },
    );
    this.opening.add(registered);
    try {
      return await registered;
    } finally {
      this.opening.delete(registered);
    }
  }

  /** Releases everything held, newest first, after what is still opening; failures are reported. */
  async releaseAll(): Promise<void> {
    await Promise.allSettled([...this.opening]);
    for (const release of [...this.held].reverse()) {
      await release().catch((error: unknown) => console.error('cleanup failed:', error));
    }
  }
}
