export interface RunningDemo {
    origin: string;
    adminKey: string;
    output: () => string;
    stop(): Promise<void>;
}
export interface StartOptions {
    /** Data folder to use and keep (default: a fresh one, removed on stop). */
    dataDir?: string;
    /** `server` starts the built server alone (what `npm start` runs after building), without rebuilding. */
    command?: 'npm start' | 'server';
    /** Default 0: any free port. */
    port?: number;
}
/**
 * Runs the README's start command (`npm start`) in the repository, on a free port, and waits until it prints its
 * URLs. Stops the whole process group afterwards.
 */
export declare function startDemo(options?: StartOptions): Promise<RunningDemo>;
