// xephang: the API explorer reads this server's own openapi.yaml; nothing is loaded from other sites
// (validatorUrl null: Swagger UI would otherwise send the document to an online validator).
window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: "../v1/openapi.yaml",
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: "StandaloneLayout",
  });
};
