import type { ReactElement } from 'react';
import { Home } from './pages/Home.js';
import { AssignmentsPage } from './pages/assignments/AssignmentsPage.js';
import { AccessPage } from './pages/access/AccessPage.js';
import { HoldersPage } from './pages/holders/HoldersPage.js';
import { AuditPage } from './pages/audit/AuditPage.js';
import { CompliancePage } from './pages/compliance/CompliancePage.js';

/** A page of the console: its path under /console, its name in the navigation, the scope it reads with. */
export interface PageEntry {
  path: string;
  label: string;
  /** Shown only to credentials with this scope. */
  scope?: string;
  element: ReactElement;
}

/** Every page, in the navigation's order. */
export const pageEntries: PageEntry[] = [
  { path: '/', label: 'Overview', element: <Home /> },
  { path: '/assignments', label: 'Assignments', scope: 'assignments:read', element: <AssignmentsPage /> },
  { path: '/access', label: 'Effective access', scope: 'access:check', element: <AccessPage /> },
  { path: '/holders', label: 'Holders', scope: 'access:check', element: <HoldersPage /> },
  { path: '/audit', label: 'Audit trail', scope: 'audit:read', element: <AuditPage /> },
  { path: '/compliance', label: 'Compliance', scope: 'users:read', element: <CompliancePage /> },
];
