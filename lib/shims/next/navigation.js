// `next/navigation`: the hooks client components use, and the functions that stop a
// render (`redirect`, `notFound`, …), for server and client code alike.
import { useContext, useMemo } from 'react'

import { LayoutSegmentsContext, NavigationContext } from '../../client/navigation-context.js'
import { appRouter } from '../../client/router.js'

export { RedirectType, forbidden, notFound, permanentRedirect, redirect, unauthorized } from './navigation-errors.js'

function useNavigation() {
  const navigation = useContext(NavigationContext)
  if (!navigation) throw new Error('vnext: a navigation hook was used outside an App Router page')
  return navigation
}

export function usePathname() {
  return useNavigation().pathname
}

export function useSearchParams() {
  const { search } = useNavigation()
  return useMemo(() => new ReadonlyURLSearchParams(search), [search])
}

export function useParams() {
  return useNavigation().params
}

/** The active segments below the closest layout, in its `children` or another slot. */
export function useSelectedLayoutSegments(parallelRoutesKey = 'children') {
  return useContext(LayoutSegmentsContext)?.[parallelRoutesKey] ?? []
}

/** The active segment one level below the closest layout, or null at its page. */
export function useSelectedLayoutSegment(parallelRoutesKey = 'children') {
  return useSelectedLayoutSegments(parallelRoutesKey)[0] ?? null
}

export function useRouter() {
  return appRouter
}

/** Search params that cannot be changed, as Next hands them out. */
export class ReadonlyURLSearchParams extends URLSearchParams {
  append() {
    throw new ReadonlyURLSearchParamsError()
  }
  delete() {
    throw new ReadonlyURLSearchParamsError()
  }
  set() {
    throw new ReadonlyURLSearchParamsError()
  }
  sort() {
    throw new ReadonlyURLSearchParamsError()
  }
}

class ReadonlyURLSearchParamsError extends Error {
  constructor() {
    super('Method unavailable on `ReadonlyURLSearchParams`. Read more: https://nextjs.org/docs/app/api-reference/functions/use-search-params#updating-searchparams')
  }
}
