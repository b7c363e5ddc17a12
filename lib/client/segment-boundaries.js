'use client'
// The client parts of each route segment: the boundaries that `error.js` and
// `not-found.js` become, and what `error.js` shows for an error the server already
// caught. Each boundary forgets what it caught when the URL changes.
import { Component, createElement } from 'react'

import { httpFallbackStatus, isHTTPAccessFallbackError, isRedirectError, redirectLocation } from '../shims/next/navigation-errors.js'
import { appRouter } from './router.js'

/** Next's words for a server error whose message production builds withhold. */
const SERVER_ERROR_MESSAGE =
  'An error occurred in the Server Components render. The specific message is omitted in production builds to avoid leaking sensitive details. A digest property is included on this error instance which may provide additional details about the nature of the error.'

/** Catches errors thrown below it in the browser and shows the segment's `error.js`. */
export class ErrorBoundary extends Component {
  constructor(props) {
    super(props)
    this.state = { error: null, pathname: props.pathname }
    this.reset = () => this.setState({ error: null })
  }

  static getDerivedStateFromError(error) {
    // `redirect()` and `notFound()` are not errors to show: outer boundaries take them.
    if (isRedirectError(error) || isHTTPAccessFallbackError(error)) throw error
    return { error }
  }

  static getDerivedStateFromProps(props, state) {
    return props.pathname === state.pathname ? null : { error: null, pathname: props.pathname }
  }

  render() {
    if (this.state.error) return createElement(this.props.errorComponent, { error: this.state.error, reset: this.reset })
    return this.props.children
  }
}

/** `error.js` showing an error the server caught, by its digest; reset reloads. */
export function ServerErrorFallback({ errorComponent, digest }) {
  const error = Object.assign(new Error(SERVER_ERROR_MESSAGE), { digest })
  return createElement(errorComponent, { error, reset: () => window.location.reload() })
}

/**
 * Shows the segment's `not-found.js`, `forbidden.js` or `unauthorized.js` (`fallbacks`,
 * by status) when `notFound()`, `forbidden()` or `unauthorized()` is thrown below it
 * in the browser; one it has no file for goes on up.
 */
export class AccessFallbackBoundary extends Component {
  constructor(props) {
    super(props)
    this.state = { caught: null, pathname: props.pathname }
  }

  static getDerivedStateFromError(error) {
    if (isHTTPAccessFallbackError(error)) return { caught: error }
    throw error
  }

  static getDerivedStateFromProps(props, state) {
    return props.pathname === state.pathname ? null : { caught: null, pathname: props.pathname }
  }

  render() {
    const { caught } = this.state
    if (!caught) return this.props.children
    const fallback = this.props.fallbacks[httpFallbackStatus(caught)]
    if (!fallback) throw caught
    return fallback
  }
}

/**
 * At the root: `redirect()` thrown while rendering in the browser (by a client
 * component) becomes a navigation that replaces the current history entry.
 */
export class RedirectBoundary extends Component {
  constructor(props) {
    super(props)
    this.state = { redirecting: false, pathname: props.pathname }
  }

  static getDerivedStateFromError(error) {
    if (isRedirectError(error)) return { redirecting: true }
    throw error
  }

  static getDerivedStateFromProps(props, state) {
    return props.pathname === state.pathname ? null : { redirecting: false, pathname: props.pathname }
  }

  componentDidCatch(error) {
    appRouter.replace(redirectLocation(error).url)
  }

  render() {
    return this.state.redirecting ? null : this.props.children
  }
}
