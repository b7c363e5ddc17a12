'use client'
// The client parts of each route segment: the error boundary that `error.js` becomes,
// and what it shows for an error the server already caught while rendering.
import { Component, createElement } from 'react'

/** Next's words for a server error whose message production builds withhold. */
const SERVER_ERROR_MESSAGE =
  'An error occurred in the Server Components render. The specific message is omitted in production builds to avoid leaking sensitive details. A digest property is included on this error instance which may provide additional details about the nature of the error.'

/** Catches errors thrown below it in the browser and shows the segment's `error.js`. */
export class ErrorBoundary extends Component {
  constructor(props) {
    super(props)
    this.state = { error: null }
    this.reset = () => this.setState({ error: null })
  }

  static getDerivedStateFromError(error) {
    return { error }
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
