// quotegraph's GraphiQL: every request goes to /graphql on this server, and the admin token
// is added as `Authorization: Bearer …` only when one has been entered. The token lives in
// this tab's sessionStorage, never in localStorage, and is not sent anywhere else.
// Subscriptions go over a WebSocket to the same /graphql (graphql-transport-ws, through the
// graphql-ws client bundled in GraphiQL), with the token in `connection_init` when entered.
(function () {
  'use strict';

  var TOKEN_KEY = 'quotegraph.adminToken';
  var tokenInput = document.getElementById('qg-token');
  var forget = document.getElementById('qg-forget');

  function remember(token) {
    try {
      if (token) {
        window.sessionStorage.setItem(TOKEN_KEY, token);
      } else {
        window.sessionStorage.removeItem(TOKEN_KEY);
      }
    } catch (e) {
      // Storage can be disabled; the token then lives in the field only.
    }
  }

  try {
    tokenInput.value = window.sessionStorage.getItem(TOKEN_KEY) || '';
  } catch (e) {
    tokenInput.value = '';
  }
  tokenInput.addEventListener('input', function () {
    remember(tokenInput.value.trim());
  });
  forget.addEventListener('click', function () {
    tokenInput.value = '';
    remember('');
  });

  function socketUrl() {
    var scheme = window.location.protocol === 'https:' ? 'wss://' : 'ws://';
    return scheme + window.location.host + '/graphql';
  }

  // Read loosely: GraphiQL's own fetcher looks at the parsed document again and answers
  // anything that is not a subscription over HTTP.
  function isSubscription(params) {
    return /(^|[^\w$])subscription([^\w$]|$)/.test(params.query || '');
  }

  function live(params, options) {
    var token = tokenInput.value.trim();
    var connectionParams = {};
    var headers = {};
    if (token) {
      connectionParams.Authorization = 'Bearer ' + token;
      headers.Authorization = 'Bearer ' + token;
    }
    return GraphiQL.createFetcher({
      url: '/graphql',
      subscriptionUrl: socketUrl(),
      wsConnectionParams: connectionParams,
      headers: headers
    })(params, options);
  }

  function fetcher(params, options) {
    if (isSubscription(params)) {
      return live(params, options);
    }
    var headers = {
      'Content-Type': 'application/json',
      Accept: 'application/graphql-response+json, application/json'
    };
    var extra = (options && options.headers) || {};
    Object.keys(extra).forEach(function (name) {
      headers[name] = extra[name];
    });
    var token = tokenInput.value.trim();
    if (token) {
      headers.Authorization = 'Bearer ' + token;
    }
    return window
      .fetch('/graphql', {
        method: 'POST',
        headers: headers,
        body: JSON.stringify(params),
        credentials: 'same-origin'
      })
      .then(function (response) {
        return response.json();
      });
  }

  var defaultQuery =
    '# quotegraph: who said what in the news.\n' +
    '# Write a query, then press the run button (Ctrl-Enter). The Docs panel lists every field.\n\n' +
    '{\n  articles(first: 5) {\n    totalCount\n' +
    '    edges { node { title publishedAt source { name } } }\n  }\n}\n';

  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: defaultQuery })
  );
})();
