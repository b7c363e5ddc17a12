// Follows vercel/next.js test/e2e/app-dir/app-css (global CSS, CSS modules) with the
// setup create-next-app writes: Tailwind CSS v4 through `@tailwindcss/postcss`.
import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/tailwind', import.meta.url))

function computedStyles(page, selector, properties) {
  return page.eval(([sel, props]) => {
    const style = getComputedStyle(document.querySelector(sel))
    return Object.fromEntries(props.map((prop) => [prop, style[prop]]))
  }, [selector, properties])
}

describe('css: Tailwind CSS v4 with PostCSS, CSS modules and a global stylesheet', () => {
  test("utilities the app's files use, its theme and preflight style the page", async () => {
    const page = await app.browser('/')
    expect(await computedStyles(page, '#main', ['paddingTop', 'fontWeight', 'color'])).toEqual({
      paddingTop: '16px',
      fontWeight: '700',
      color: 'rgb(10, 20, 30)',
    })
    // Preflight resets the body's margin and the heading's size; text-2xl sets it again.
    expect(await computedStyles(page, 'body', ['marginTop'])).toEqual({ marginTop: '0px' })
    expect(await computedStyles(page, '#heading', ['fontSize', 'letterSpacing'])).toEqual({ fontSize: '24px', letterSpacing: '4px' })
    expect(await computedStyles(page, '#footer', ['marginTop', 'borderTopWidth', 'borderTopColor'])).toEqual({
      marginTop: '8px',
      borderTopWidth: '3px',
      borderTopColor: 'rgb(200, 0, 0)',
    })
  })

  test("a client component's CSS module and the utilities it switches between apply", async () => {
    const page = await app.browser('/')
    const closed = await computedStyles(page, '#card', ['borderLeftWidth', 'borderTopLeftRadius', 'backgroundColor'])
    expect(closed.borderLeftWidth).toBe('5px')
    expect(closed.borderTopLeftRadius).toBe('6px')
    await page.click('#card')
    await page.waitForText('#card', 'open')
    const open = await computedStyles(page, '#card', ['backgroundColor'])
    // Both colours were generated, and they differ.
    expect(open.backgroundColor).not.toBe(closed.backgroundColor)
    expect([open.backgroundColor, closed.backgroundColor].every((color) => color !== 'rgba(0, 0, 0, 0)')).toBe(true)
  })

  test('utilities no file uses are not generated', async () => {
    const $ = await app.render$('/')
    let css = ''
    for (const link of $('head link[rel="stylesheet"]').get()) css += await (await app.fetch($(link).attr('href'))).text()
    expect(css).toMatch(/\.p-4\b/)
    expect(css).not.toMatch(/\.p-5\b/)
  })
})
