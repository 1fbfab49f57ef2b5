import { forEachApp } from '../support/app.js';
import { nativePresenters } from '../support/credentials.js';
import { nativeReadingWrites, nativeResources, nativeRoutes } from '../support/native-routes.js';
import { securitySuite } from '../support/security-suite.js';

forEachApp('security of every native route', (t) => {
  securitySuite(t, {
    routes: nativeRoutes,
    presenters: nativePresenters,
    resources: nativeResources,
    readingWrites: nativeReadingWrites,
  });
});
