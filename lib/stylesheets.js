// What the app's stylesheets go through before vnext's own CSS pipeline (lightningcss,
// in Rust, which calls this from its threads), as in Next: Sass for `.scss`/`.sass`
// files when the app has `sass` installed, then the plugins its postcss.config.* names;
// and the browsers the app's browserslist config asks that pipeline to lower them for.

import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

import browserslist from 'browserslist'

const CONFIG_FILES = ['postcss.config.js', 'postcss.config.mjs', 'postcss.config.cjs', 'postcss.config.json']

const SASS_MISSING = [
  "To use Next.js' built-in Sass support, you first need to install `sass`.",
  'Run `npm i sass` or `yarn add sass` inside your workspace.',
  '',
  'Learn more: https://nextjs.org/docs/messages/install-sass',
].join('\n')

/**
 * A `(file, css) => Promise<css>` for the app, or undefined when it has neither a
 * PostCSS config nor `sass` (then a Sass file is refused with Next's message). Sass,
 * the config and its plugins load on first use.
 * @param {string} root the app's folder
 */
export function stylesheetPreprocessor(root) {
  const require = createRequire(join(root, 'package.json'))
  const configFile = CONFIG_FILES.map((name) => join(root, name)).find((path) => existsSync(path))
  const hasSass = resolves(require, 'sass')
  if (!configFile && !hasSass) return undefined
  let processor
  return async (file, css) => {
    if (/\.s[ac]ss$/.test(file)) {
      if (!hasSass) throw new Error(SASS_MISSING)
      css = require('sass').compile(file, { loadPaths: [join(root, 'node_modules')] }).css
    }
    if (!configFile) return css
    processor ??= loadProcessor(root, configFile)
    try {
      return (await (await processor).process(css, { from: file, to: file })).css
    } catch (error) {
      throw new Error(`PostCSS failed: ${error.message}`)
    }
  }
}

function resolves(require, name) {
  try {
    require.resolve(name)
    return true
  } catch {
    return false
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

/**
 * The browsers the app's browserslist config names for production (`BROWSERSLIST`, a
 * `.browserslistrc` or `browserslist` file, or package.json's `browserslist`, in the
 * app's folder or above, as Next looks), resolved to `chrome 120`-style entries;
 * undefined without a config, for Next's default targets.
 * @param {string} root the app's folder
 * @returns {string[] | undefined}
 */
export function appBrowsers(root) {
  // browserslist remembers which folders had no config; this one may have gained one.
  browserslist.clearCaches()
  try {
    const query = browserslist.loadConfig({ path: root, env: 'production' })
    return query ? browserslist(query, { path: root, env: 'production' }) : undefined
  } catch (error) {
    throw new Error(`The browserslist config for ${root} is invalid: ${error.message}. Fix the query in its .browserslistrc or package.json "browserslist".`)
  }
}
