// The shell: session, navigation, the hash router and the shortcut help overlay.
import { api, session, setSession } from './api.js';
import { h, clear, toast } from './dom.js';
import { activate, loadOverrides } from './shortcuts.js';
import { showHelp } from './screens/help.js';
import { setEmbedOrigins } from './embeds.js';

const routes = [
  { pattern: /^#\/login$/, load: () => import('./screens/login.js'), public: true },
  { pattern: /^#\/home$/, load: () => import('./screens/home.js') },
  { pattern: /^#\/work\/([0-9a-f]{24})$/, names: ['projectId'], load: () => import('./screens/work.js') },
  { pattern: /^#\/review\/([0-9a-f]{24})$/, names: ['projectId'], load: () => import('./screens/review.js') },
  { pattern: /^#\/settings\/shortcuts$/, load: () => import('./screens/shortcut-settings.js') },
  { pattern: /^#\/projects$/, load: () => import('./screens/projects.js'), roles: ['admin', 'requester'] },
  { pattern: /^#\/projects\/new$/, load: () => import('./screens/project-new.js'), roles: ['admin', 'requester'] },
  { pattern: /^#\/projects\/([0-9a-f]{24})$/, names: ['id'], load: () => import('./screens/project.js'), roles: ['admin', 'requester'] },
  { pattern: /^#\/admin\/users$/, load: () => import('./screens/admin-users.js'), roles: ['admin'] },
  { pattern: /^#\/admin\/keys$/, load: () => import('./screens/admin-keys.js'), roles: ['admin'] },
];

const main = document.getElementById('main');
let cleanup = null;
let user = null;

/** The signed-in user ({id, email, roles, groups, preferences}) or null. */
export function currentUser() {
  return user;
}

function hasRole(...roles) {
  return Boolean(user && roles.some((role) => user.roles.includes(role)));
}

function landing() {
  if (hasRole('worker', 'reviewer')) return '#/home';
  if (hasRole('admin', 'requester')) return '#/projects';
  return '#/home';
}

function renderNav() {
  const nav = document.getElementById('nav');
  const account = document.getElementById('account');
  clear(nav);
  clear(account);
  if (!user) return;
  const links = [];
  if (hasRole('worker', 'reviewer')) links.push(['#/home', 'My work']);
  if (hasRole('admin', 'requester')) links.push(['#/projects', 'Projects']);
  if (hasRole('admin')) links.push(['#/admin/users', 'Users'], ['#/admin/keys', 'API keys']);
  links.push(['#/settings/shortcuts', 'Shortcuts']);
  for (const [href, label] of links) {
    const current = location.hash === href || (href !== '#/home' && location.hash.startsWith(href + '/'));
    nav.append(h('a', { href, 'aria-current': current ? 'page' : null }, label));
  }
  account.append(
    h('span', {}, user.email),
    h('button', { type: 'button', onclick: () => showHelp(), 'aria-label': 'Keyboard shortcuts (?)' }, '?'),
    h('button', { type: 'button', onclick: logout, 'data-testid': 'logout' }, 'Log out'),
  );
}

async function logout() {
  // Forget the session first, so nothing that runs meanwhile (or a page load) still uses it.
  const ending = session();
  setSession(null);
  user = null;
  location.hash = '#/login';
  if (!ending) return;
  await fetch('/api/v1/auth/logout', { method: 'POST', keepalive: true, headers: { Authorization: `Bearer ${ending.token}` } })
    .catch(() => undefined);
}

async function loadUser() {
  if (!session()) return null;
  try {
    const body = await api('GET', '/me');
    user = body.user;
    setEmbedOrigins(body.embed_origins);
    const saved = user.preferences && user.preferences.shortcuts;
    loadOverrides(user.id, saved, (overrides) => {
      api('PUT', '/me/preferences', { shortcuts: overrides }).catch((error) => toast(`Could not save shortcuts: ${error.message}`, 'error'));
    });
    return user;
  } catch {
    return null;
  }
}

async function route() {
  if (cleanup) {
    try {
      await cleanup();
    } catch {
      // Leaving a screen never fails the navigation.
    }
    cleanup = null;
  }
  const hash = location.hash || '#/';
  if (!user && session()) await loadUser();
  const match = routes.map((candidate) => ({ candidate, found: hash.match(candidate.pattern) })).find((entry) => entry.found);
  if (!user && !(match && match.candidate.public)) {
    location.replace('#/login');
    return;
  }
  if (!match) {
    location.replace(user ? landing() : '#/login');
    return;
  }
  const { candidate, found } = match;
  if (candidate.roles && !hasRole(...candidate.roles)) {
    location.replace(landing());
    return;
  }
  const params = {};
  (candidate.names || []).forEach((name, index) => {
    params[name] = found[index + 1];
  });
  renderNav();
  clear(main);
  try {
    const module = await candidate.load();
    const context = {
      user,
      navigate: (target) => { location.hash = target; },
      signedIn: async () => { await loadUser(); renderNav(); location.hash = landing(); },
    };
    cleanup = (await module.render(main, params, context)) || null;
  } catch (error) {
    console.warn(error);
    main.append(h('div', { class: 'banner error', role: 'alert' }, `This page could not be shown: ${error.message}`));
  }
  if (!main.contains(document.activeElement)) main.focus({ preventScroll: true });
}

activate([{ id: 'app.help', keys: ['?', 'Shift+?'], label: 'Show keyboard shortcuts', run: () => showHelp() }]);
window.addEventListener('hashchange', route);
route();
