import type { ReactElement } from 'react';
import { Home } from './pages/Home.js';
import { ProfileCreate } from './pages/ProfileCreate.js';
import { ProfileDetail } from './pages/ProfileDetail.js';
import { ProfileEdit } from './pages/ProfileEdit.js';
import { Profiles } from './pages/Profiles.js';
import { TenantDetail } from './pages/TenantDetail.js';
import { Tenants } from './pages/Tenants.js';
import { UserCreate } from './pages/UserCreate.js';
import { UserDetail } from './pages/UserDetail.js';
import { Users } from './pages/Users.js';
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
  /** A page reached by a link (a detail, a form), not listed in the navigation. */
  hidden?: boolean;
  element: ReactElement;
}

/** Every page, in the navigation's order. */
export const pageEntries: PageEntry[] = [
  { path: '/', label: 'Overview', element: <Home /> },
  { path: '/tenants', label: 'Tenants', scope: 'tenants:read', element: <Tenants /> },
  { path: '/tenants/:id', label: 'Tenant', scope: 'tenants:read', hidden: true, element: <TenantDetail /> },
  { path: '/users', label: 'Users', scope: 'users:read', element: <Users /> },
  // The forms that write are there only for a credential that may write.
  { path: '/users/new', label: 'New user', scope: 'users:write', hidden: true, element: <UserCreate /> },
  { path: '/users/:id', label: 'User', scope: 'users:read', hidden: true, element: <UserDetail /> },
  { path: '/profiles', label: 'Profiles', scope: 'profiles:read', element: <Profiles /> },
  {
    path: '/profiles/new',
    label: 'New profile',
    scope: 'profiles:write',
    hidden: true,
    element: <ProfileCreate />,
  },
  {
    path: '/profiles/:id',
    label: 'Profile',
    scope: 'profiles:read',
    hidden: true,
    element: <ProfileDetail />,
  },
  {
    path: '/profiles/:id/edit',
    label: 'Edit profile',
    scope: 'profiles:write',
    hidden: true,
    element: <ProfileEdit />,
  },
  { path: '/assignments', label: 'Assignments', scope: 'assignments:read', element: <AssignmentsPage /> },
  { path: '/access', label: 'Effective access', scope: 'access:check', element: <AccessPage /> },
  { path: '/holders', label: 'Holders', scope: 'access:check', element: <HoldersPage /> },
  { path: '/audit', label: 'Audit trail', scope: 'audit:read', element: <AuditPage /> },
  { path: '/compliance', label: 'Compliance', scope: 'users:read', element: <CompliancePage /> },
];
