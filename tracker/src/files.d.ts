/**
 * The files the tracker loads beside t.js, by the names tracker/build.ts gives them: versioned
 * (`ext.js?v=1a2b3c4d`, see shared/asset-version.ts). Unit tests see the plain names (vitest.config.ts).
 */
declare const TELLS_EXT_JS: string;
declare const TELLS_VITALS_JS: string;
