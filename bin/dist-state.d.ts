// Types for dist-state.js, which bin/quorum.js runs as plain JavaScript and the benches import.
export declare function whyNotCompiled(root: URL, entry: URL): string | null;
