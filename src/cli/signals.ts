/** What ends a command that runs until stopped (`serve`, `build --watch`): SIGINT (Ctrl+C) or SIGTERM; tests pass their own. */
export interface ShutdownSignals {
  wait(): Promise<void>;
}

export const processSignals: ShutdownSignals = {
  wait: () =>
    new Promise((done) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        done();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    }),
};
