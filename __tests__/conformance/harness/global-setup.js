import { prepareDependencies } from './dependencies.js'
import { conformanceTarget } from './target.js'

// Runs once before the test files; the workers inherit the environment.
export default function globalSetup() {
  process.env.VNEXT_CONFORMANCE_DEPS = prepareDependencies(conformanceTarget())
}
