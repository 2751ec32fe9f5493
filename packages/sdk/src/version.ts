/** Kept equal to package.json's version by a unit test; sent in the User-Agent. */
export const SDK_VERSION = '0.1.0';
