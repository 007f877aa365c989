package dev.inferplan.catalog.webhooks;

import io.helidon.microprofile.testing.junit5.HelidonTest;

@HelidonTest
class WebhooksH2IT extends WebhooksContract {
}
