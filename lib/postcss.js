// The app's PostCSS, run as Next runs it: the plugins its postcss.config.* names, in
// order, on every stylesheet before vnext's own CSS pipeline (lightningcss, in Rust,
// which calls this function from its threads).

import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const CONFIG_FILES = ['postcss.config.js', 'postcss.config.mjs', 'postcss.config.cjs', 'postcss.config.json']

/**
 * A `(file, css) => Promise<css>` running the app's PostCSS plugins, or undefined when
 * the app has no PostCSS config. The config and plugins load on the first stylesheet.
 * @param {string} root the app's folder
 */
export function postcssPreprocessor(root) {
  const configFile = CONFIG_FILES.map((name) => join(root, name)).find((path) => existsSync(path))
  if (!configFile) return undefined
  let processor
  return async (file, css) => {
    processor ??= loadProcessor(root, configFile)
    const result = await (await processor).process(css, { from: file, to: file })
    return result.css
  }
}

/** @param {string} root @param {string} configFile */
async function loadProcessor(root, configFile) {
  const config = configFile.endsWith('.json')
    ? JSON.parse(readFileSync(configFile, 'utf8'))
    : (await import(pathToFileURL(configFile).href)).default
  // Plugins, and PostCSS itself, come from the app's own node_modules.
  const require = createRequire(join(root, 'package.json'))
  const load = (name) => {
    try {
      return require(name)
    } catch (error) {
      if (error.code !== 'MODULE_NOT_FOUND') throw error
      throw new Error(`${configFile} needs ${name}, which is not installed: run npm install ${name}`)
    }
  }
  const postcss = load('postcss')
  const plugins = pluginEntries(config.plugins).map(([plugin, options]) => {
    if (typeof plugin !== 'string') return plugin
    const create = load(plugin)
    const creator = create.default ?? create
    // Tailwind scans for class names from `base`, the working directory by default;
    // the app's folder is what it means when vnext builds an app from elsewhere.
    if (plugin === '@tailwindcss/postcss') options = { base: root, ...(options === true ? {} : options) }
    return options === true || options === undefined ? creator() : creator(options)
  })
  return postcss(plugins)
}

/**
 * `plugins` as Next accepts it: `{ name: options | true | false }`, or a list of names,
 * `[name, options]` pairs and plugin objects. Disabled plugins (`false`) are left out.
 */
function pluginEntries(plugins = []) {
  if (!Array.isArray(plugins)) return Object.entries(plugins).filter(([, options]) => options !== false)
  return plugins
    .map((plugin) => (Array.isArray(plugin) ? plugin : [plugin, undefined]))
    .filter(([, options]) => options !== false)
}
