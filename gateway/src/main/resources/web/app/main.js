// The dashboard's shell: sign-in with a bearer token, then one page per hash route.
import { token, signIn, signOut, claims } from './api.js';
import { el, clear, field, status } from './dom.js';
import { recommendPage } from './recommend.js';
import { catalogPage } from './catalog.js';
import { pricingPage } from './pricing.js';
import { benchmarksPage } from './benchmarks.js';

const pages = {
  recommend: recommendPage,
  catalog: catalogPage,
  pricing: pricingPage,
  benchmarks: benchmarksPage,
};

const main = document.getElementById('page');

function loginPage() {
  const input = el('textarea', { name: 'token', rows: 5, required: true, autocomplete: 'off', spellcheck: false });
  const form = el('form', { class: 'login card' },
    el('h1', {}, 'Sign in'),
    el('p', {}, 'Paste your bearer token. On the local suite, print one with ',
      el('code', {}, 'bin/suite token --role team --user you'), '; in production, use the token from your identity provider.'),
    field('Bearer token', input),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Sign in')));
  form.addEventListener('submit', e => {
    e.preventDefault();
    signIn(input.value);
    if (!claims()) {
      signOut();
      status('That is not a JWT: paste the whole token (three parts separated by dots).', 'error');
      return;
    }
    status('Signed in.');
    location.hash = '#/recommend';
    route();
  });
  clear(main, form);
  input.focus();
}

function showUser() {
  const who = document.getElementById('who');
  const logout = document.getElementById('logout');
  const c = claims();
  who.textContent = c ? `${c.upn || c.preferred_username || c.sub} (${(c.groups || []).join(', ')})` : '';
  logout.hidden = !c;
}

export function route() {
  showUser();
  const name = (location.hash.replace(/^#\/?/, '').split('/')[0]) || 'recommend';
  document.querySelectorAll('nav a[data-page]').forEach(a =>
    a.toggleAttribute('aria-current', a.dataset.page === name) && a.setAttribute('aria-current', 'page'));
  if (!token()) {
    loginPage();
    return;
  }
  const page = pages[name] || pages.recommend;
  document.title = `inferplan · ${name}`;
  page(main);
  main.focus();
}

document.getElementById('logout').addEventListener('click', () => {
  signOut();
  status('Signed out.');
  route();
});
window.addEventListener('inferplan:unauthenticated', () => {
  status('Your token was refused (expired or not valid): sign in again.', 'error');
});
window.addEventListener('hashchange', route);
route();
