package org.xephang.core.backend.forward;

/** The signature example printed in docs/webhook.md (secret demo-webhook-secret, timestamp 1795400000). */
final class WebhookDocExample {

    static final String SIGNATURE = "v1=2bec34f386c9a95082d669b81f757b7d2d6b73d5e8a3d1ae308678aa32d3e19a";

    private WebhookDocExample() {}
}
