import type { Routes } from '@angular/router';
import { accountGuard, adminGuard, authGuard, guestGuard, redirectHome, staffGuard } from './core/auth.guards';
import { unsavedChangesGuard } from './pages/design/unsaved-changes.guard';

/** Every page is its own lazy chunk; the shell (top bar + navigation) wraps the signed-in pages. */
export const routes: Routes = [
  {
    path: 'login',
    title: 'titles.login',
    canMatch: [guestGuard],
    loadComponent: () => import('./pages/auth/login.page').then((m) => m.LoginPage),
  },
  {
    path: 'forgot-password',
    title: 'titles.forgot',
    canMatch: [guestGuard],
    loadComponent: () => import('./pages/auth/forgot-password.page').then((m) => m.ForgotPasswordPage),
  },
  {
    path: 'reset-password',
    title: 'titles.reset',
    loadComponent: () => import('./pages/auth/reset-password.page').then((m) => m.ResetPasswordPage),
  },
  {
    path: 'accept-invitation',
    title: 'titles.accept',
    loadComponent: () => import('./pages/auth/accept-invitation.page').then((m) => m.AcceptInvitationPage),
  },
  {
    // The agency console (issue 15): its own frame and navigation, for agency staff only.
    path: 'agency',
    canMatch: [authGuard, staffGuard],
    loadComponent: () => import('./pages/agency/agency-shell').then((m) => m.AgencyShell),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'clients' },
      {
        path: 'clients',
        title: 'titles.clients',
        loadComponent: () => import('./pages/agency/clients.page').then((m) => m.ClientsPage),
      },
      {
        path: 'clients/new',
        title: 'titles.newClient',
        loadComponent: () => import('./pages/agency/new-client.page').then((m) => m.NewClientPage),
      },
      {
        path: 'clients/:clientId/plugins',
        title: 'titles.clientPlugins',
        loadComponent: () => import('./pages/agency/client-plugins.page').then((m) => m.ClientPluginsPage),
      },
      { path: '**', redirectTo: 'clients' },
    ],
  },
  {
    // A plugin's page that a link opens without a session (its manifest's `linkPages`: a call's
    // hand-over to a phone, `/call/<token>`); only two-segment addresses load the registry for it.
    path: '',
    canMatch: [(_route: unknown, segments: readonly unknown[]) => segments.length === 2],
    loadChildren: () => import('./core/plugin-link-pages.routes').then((m) => m.pluginLinkPageRoutes),
  },
  {
    path: '',
    canMatch: [authGuard, accountGuard],
    loadComponent: () => import('./shell/shell').then((m) => m.Shell),
    children: [
      { path: '', pathMatch: 'full', redirectTo: redirectHome },
      {
        path: 'home',
        title: 'titles.home',
        loadComponent: () => import('./pages/home/home.page').then((m) => m.HomePage),
      },
      {
        path: 'sites',
        title: 'titles.sites',
        canMatch: [adminGuard],
        loadComponent: () => import('./pages/sites/sites.page').then((m) => m.SitesPage),
      },
      {
        path: 'sites/:siteId/design',
        title: 'titles.design',
        canMatch: [adminGuard],
        canDeactivate: [unsavedChangesGuard],
        loadComponent: () => import('./pages/design/design.page').then((m) => m.DesignPage),
      },
      {
        path: 'sites/:siteId/settings',
        title: 'titles.siteSettings',
        canMatch: [adminGuard],
        canDeactivate: [unsavedChangesGuard],
        loadComponent: () => import('./pages/site-settings/site-settings.page').then((m) => m.SiteSettingsPage),
      },
      {
        // A plugin's settings page (its manifest's `siteSettings`), a tab beside the site's own.
        path: 'sites/:siteId/settings/:pluginId/:path',
        title: 'titles.siteSettings',
        canMatch: [adminGuard],
        canDeactivate: [unsavedChangesGuard],
        loadComponent: () => import('./pages/site-settings/plugin-settings.page').then((m) => m.PluginSettingsPage),
      },
      {
        path: 'team',
        title: 'titles.team',
        canMatch: [adminGuard],
        loadComponent: () => import('./pages/team/team.page').then((m) => m.TeamPage),
      },
      {
        // The agency's support visits to this account (issue 15): its admins' record.
        path: 'access-log',
        title: 'titles.accessLog',
        canMatch: [adminGuard],
        loadComponent: () => import('./pages/access-log/access-log.page').then((m) => m.AccessLogPage),
      },
      {
        path: 'profile',
        title: 'titles.profile',
        loadComponent: () => import('./pages/profile/profile.page').then((m) => m.ProfilePage),
      },
      {
        path: 'p/:pluginId',
        loadComponent: () => import('./pages/plugin/plugin-host.page').then((m) => m.PluginHostPage),
      },
      {
        // A plugin's page at the top level (its manifest's `pages`: the chat's departments, schedules).
        path: '',
        loadChildren: () => import('./core/plugin-pages.routes').then((m) => m.pluginPageRoutes),
      },
      { path: '**', redirectTo: redirectHome },
    ],
  },
  { path: '**', redirectTo: 'login' },
];
