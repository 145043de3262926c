import { type IncomingMessage, type ServerResponse } from 'node:http';
export type Route = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>;
export interface TestServer {
    url: string;
    /** Every request seen, in order: method and path (with query). */
    requests: {
        method: string;
        path: string;
        body: string;
    }[];
    close(): Promise<void>;
}
/** The built banner, served at /consentry.js (and its chunks at /consentry-<name>.js) by `startTestServer`. */
export declare const BANNER_DIST: string;
/**
 * A static file server on 127.0.0.1 (random port) for browser tests: serves `root`, the banner bundle at
 * /consentry.js with the chunks it loads from beside itself, and any `routes` (exact path match, checked first). Records every request.
 */
export declare function startTestServer(options?: {
    root?: string;
    routes?: Record<string, Route>;
}): Promise<TestServer>;
