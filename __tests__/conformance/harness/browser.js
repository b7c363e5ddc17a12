// Headless Debian chromium through playwright-core; never a downloaded browser.
import { chromium } from 'playwright-core'

import { eventually } from './eventually.js'
import { KNOWN_FAILURE_WAIT_MS, isKnownFailure } from './target.js'

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Chromium now and then crashes while starting on these machines; that is not what a test checks, so it is started again. */
export async function launchChromium(attempts = 3) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
    } catch (error) {
      if (attempt === attempts) throw error
      console.warn(`chromium did not start (attempt ${attempt} of ${attempts}): ${error.message.split('\n')[0]}`)
    }
  }
}

/** One chromium per test file; each opened page gets its own context (cookies, storage). */
export class BrowserSession {
  constructor() {
    this.browser = null
    this.contexts = []
  }

  /**
   * @param {string} url
   * @param {{ javaScriptEnabled?: boolean }} [options]
   */
  async open(url, { javaScriptEnabled = true } = {}) {
    this.browser ??= await launchChromium()
    const context = await this.browser.newContext({ javaScriptEnabled })
    this.contexts.push(context)
    const rawPage = await context.newPage()
    if (isKnownFailure()) rawPage.setDefaultTimeout(KNOWN_FAILURE_WAIT_MS)
    const page = new BrowserPage(rawPage, url, javaScriptEnabled)
    await page.goto(url)
    return page
  }

  async close() {
    for (const context of this.contexts) await context.close().catch(() => {})
    await this.browser?.close()
    this.browser = null
    this.contexts = []
  }
}

/** A page with the few actions the conformance tests need; `page` is the raw playwright page. */
export class BrowserPage {
  constructor(page, url, javaScriptEnabled) {
    this.page = page
    this.origin = new URL(url).origin
    this.javaScriptEnabled = javaScriptEnabled
    /** Uncaught errors and console errors seen so far. */
    this.errors = []
    page.on('pageerror', (error) => this.errors.push(String(error)))
    page.on('console', (message) => message.type() === 'error' && this.errors.push(message.text()))
  }

  /** Loads `pathOrUrl` as a full navigation and waits for hydration. */
  async goto(pathOrUrl) {
    await this.page.goto(new URL(pathOrUrl, this.origin).href)
    await this.waitForHydration()
  }

  async reload() {
    await this.page.reload()
    await this.waitForHydration()
  }

  /**
   * React marks each DOM node it hydrates. The App Router hydrates the whole document,
   * so `<body>` is marked once the shell has hydrated; the Pages Router hydrates inside
   * `<div id="__next">`, so there its first element is the one to watch.
   */
  async waitForHydration() {
    if (!this.javaScriptEnabled) return
    await this.page.waitForFunction(() => {
      const root = document.getElementById('__next') ? document.querySelector('#__next > *') : document.body
      return root != null && Object.keys(root).some((key) => key.startsWith('__reactFiber$'))
    })
  }

  click(selector) {
    return this.page.locator(selector).first().click()
  }

  /** Types into a field after clearing it. */
  type(selector, text) {
    return this.page.locator(selector).first().fill(text)
  }

  waitFor(selector, options) {
    return this.page.locator(selector).first().waitFor(options)
  }

  /**
   * Waits until `predicate(arg)` is truthy in the page. A page without JavaScript runs no
   * animation frames, so there playwright's waitForFunction would check once and never
   * again: it is polled from here instead, across the navigations a form post makes.
   */
  waitUntil(predicate, arg) {
    if (this.javaScriptEnabled) return this.page.waitForFunction(predicate, arg)
    const check = () => this.page.evaluate(predicate, arg).catch(() => false)
    return eventually(check, Boolean, { timeoutMs: 30_000, intervalMs: 50 })
  }

  /** Waits until `selector`'s text equals `expected` (or matches it, for a RegExp). */
  waitForText(selector, expected) {
    return this.waitUntil(
      ([sel, source, flags]) => {
        const text = document.querySelector(sel)?.textContent
        return text != null && (flags === null ? text === source : new RegExp(source, flags).test(text))
      },
      [selector, expected instanceof RegExp ? expected.source : expected, expected instanceof RegExp ? expected.flags : null],
    )
  }

  async text(selector) {
    return (await this.page.locator(selector).first().textContent()) ?? ''
  }

  count(selector) {
    return this.page.locator(selector).count()
  }

  /** The current URL's path, search and hash. */
  url() {
    const url = new URL(this.page.url())
    return url.pathname + url.search + url.hash
  }

  waitForUrl(pathname) {
    return this.page.waitForURL((url) => url.pathname + url.search === pathname)
  }

  eval(fn, arg) {
    return this.page.evaluate(fn, arg)
  }

  back() {
    return this.page.goBack({ waitUntil: 'commit' })
  }

  forward() {
    return this.page.goForward({ waitUntil: 'commit' })
  }

  /** Sets a property on `window` that a full page load would wipe out. */
  markWindow() {
    return this.page.evaluate(() => (window.__conformanceMark = true))
  }

  /** True while no full page load happened since `markWindow()`. */
  isWindowMarked() {
    return this.page.evaluate(() => window.__conformanceMark === true)
  }
}
