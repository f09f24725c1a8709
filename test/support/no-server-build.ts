// Stand-in for `virtual:react-router/server-build` inside workerd unit tests, where the
// dashboard is not built; test/e2e exercises the real dashboard in the production bundle.
throw new Error("The dashboard is not built in workerd unit tests; see test/e2e.");
