// A plugin's stylesheet imports: the build writes them to one .css file beside the bundle, which
// the shell links when it loads the plugin.
declare module '*.css';
