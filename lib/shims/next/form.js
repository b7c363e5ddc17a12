'use client'
// `next/form`: with a URL as its `action`, a GET form that navigates with the client
// router, the fields becoming the URL's search params (replacing any it had); without
// JavaScript it is the same form, submitted by the browser. With a function as its
// `action` it is React's own form.
import { createElement } from 'react'

import { navigate } from '../../client/router.js'

/** Submitter attributes that ask for something only the browser's submission does. */
const NATIVE_ONLY = [
  ['formEncType', 'application/x-www-form-urlencoded'],
  ['formMethod', 'get'],
  ['formTarget', '_self'],
]

/**
 * @param {{ action: string | ((formData: FormData) => unknown), replace?: boolean, scroll?: boolean, prefetch?: false | null } & Record<string, unknown>} props
 */
export default function Form({ replace, scroll, prefetch, ...props }) {
  if (typeof props.action !== 'string') return createElement('form', props)
  const onSubmit = (event) => {
    props.onSubmit?.(event)
    if (event.defaultPrevented) return
    let action = props.action
    const submitter = event.nativeEvent.submitter
    if (submitter) {
      if (NATIVE_ONLY.some(([name, supported]) => submitter.hasAttribute(name) && submitter.getAttribute(name) !== supported)) return
      const formAction = submitter.getAttribute('formAction')
      // React's own submitter actions (`formAction={fn}`) are left to React.
      if (formAction && /^\s*javascript:/i.test(formAction)) return
      if (formAction !== null) action = formAction
    }
    event.preventDefault()
    const target = new URL(action, window.location.href)
    target.search = ''
    for (const [name, value] of new FormData(event.currentTarget)) target.searchParams.append(name, typeof value === 'string' ? value : value.name)
    navigate(target.href, { history: replace ? 'replace' : 'push', scroll: scroll !== false })
  }
  return createElement('form', { ...props, onSubmit })
}
