// Starts Swagger UI on the generated OpenAPI document; calls from "Try it out" reuse the session cookie.
(function () {
  "use strict";
  var node = document.getElementById("swagger-ui");
  window.ui = window.SwaggerUIBundle({
    url: node.getAttribute("data-spec-url"),
    domNode: node,
    deepLinking: true,
    docExpansion: "none",
    defaultModelsExpandDepth: 0,
    withCredentials: true,
    requestInterceptor: function (request) {
      request.credentials = "same-origin";
      return request;
    }
  });
})();
