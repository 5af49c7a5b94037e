// Loads a vendored library (its stylesheet and classic script) once, on first use; resolves to its global.
const loaded = new Map();

export function library(folder, stylesheet, script, global) {
  if (!loaded.has(folder)) {
    loaded.set(folder, new Promise((resolve, reject) => {
      const css = document.createElement('link');
      css.rel = 'stylesheet';
      css.href = `/vendor/${folder}/${stylesheet}`;
      document.head.append(css);
      const tag = document.createElement('script');
      tag.src = `/vendor/${folder}/${script}`;
      tag.onload = () => resolve(window[global]);
      tag.onerror = () => reject(new Error(`${folder} did not load`));
      document.head.append(tag);
    }));
  }
  return loaded.get(folder);
}
