// Swagger UI over the suite's merged document; the dashboard's bearer token (if signed in) is used for
// "Try it out", and "Authorize" takes another.
window.addEventListener('DOMContentLoaded', () => {
  const ui = window.SwaggerUIBundle({ url: '/openapi', dom_id: '#swagger-ui', deepLinking: true });
  const token = sessionStorage.getItem('inferplan.token');
  if (token) {
    ui.authActions.authorize({ bearer: { name: 'bearer', schema: { type: 'http', scheme: 'bearer' }, value: token } });
  }
});
