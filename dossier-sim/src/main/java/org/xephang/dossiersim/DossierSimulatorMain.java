package org.xephang.dossiersim;

import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the simulated dossier system alone, for installers and manual tests: {@code DossierSimulatorMain [--port P]}
 * (default 0, a free port). Prints {@code listening on http://127.0.0.1:PORT}, then the demo credentials and one line
 * per sample dossier ({@code code  status  label}); stops on SIGTERM. Point a server at it with the {@code dossier:}
 * section of {@code docs/webhook.md} §5.
 */
public final class DossierSimulatorMain {

    private static final Logger LOG = LoggerFactory.getLogger(DossierSimulatorMain.class);

    private DossierSimulatorMain() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        int port = 0;
        if (args.length == 2 && args[0].equals("--port") && args[1].matches("\\d{1,5}")) {
            port = Integer.parseInt(args[1]);
        } else if (args.length != 0) {
            LOG.error("usage: DossierSimulatorMain [--port P]");
            System.exit(2);
            return;
        }
        Vertx vertx = Vertx.vertx();
        DossierSimulator simulator;
        try {
            simulator = DossierSimulator.start(
                            vertx, DossierSimulator.Options.defaults().withPort(port))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception cannotListen) {
            LOG.error("cannot start the simulated dossier system: {}", cannotListen.getMessage());
            vertx.close();
            System.exit(1);
            return;
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            simulator.close();
                            vertx.close();
                        },
                        "dossier-simulator-shutdown"));
        DossierSimulator.Options options = simulator.options();
        out.println("listening on " + simulator.baseUrl());
        out.println("webhook: " + simulator.webhookUrl() + "  secret: " + options.webhookSecret());
        out.println("igate: client " + options.igateClientId() + " / " + options.igateClientSecret()
                + "   dvcqg: " + options.dvcqgUsername() + " / " + options.dvcqgPassword() + ", dstcode "
                + options.dvcqgDstcode());
        out.println("booking portal: generic " + simulator.portalGenericUrl() + " (X-Api-Key "
                + DossierSimulator.portalApiKey() + "), dvcqg " + simulator.portalDvcqgUrl()
                + "; empty until bookings are added (DossierSimulator.addPortalBooking)");
        for (SampleDossier sample : simulator.samples()) {
            out.println(sample.code() + "  " + sample.status() + "  " + sample.label());
        }
        out.println("centre.yaml section for a server (generic lookups; igate and dvcqg work too):");
        out.print(simulator.dossierYaml("generic"));
        out.flush();
    }
}
