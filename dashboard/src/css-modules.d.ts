/** Stylesheets are bundled by esbuild (scripts/build.mjs) into app.css. */
declare module '*.css';
