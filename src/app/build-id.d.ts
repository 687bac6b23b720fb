/** The build's id (vite.config.ts `define`): `BLR_BUILD_ID` at build time, else "book". */
declare const __BLR_BUILD__: string;
