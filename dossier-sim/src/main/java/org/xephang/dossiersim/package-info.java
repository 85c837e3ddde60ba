/**
 * A simulated provincial dossier system, for the demo, the tests and integrators: {@link
 * org.xephang.dossiersim.DossierSimulator} serves the {@link org.xephang.dossiersim.SampleDossiers sample dossiers}
 * through a generic lookup ({@link org.xephang.dossiersim.GenericLookupApi}), a VNPT iGate deployment ({@link
 * org.xephang.dossiersim.IgateApi}) and a DVCQG-style gateway ({@link org.xephang.dossiersim.DvcqgApi}), receives
 * forwarded events ({@link org.xephang.dossiersim.WebhookReceiver}) and misbehaves on demand ({@link
 * org.xephang.dossiersim.FailureScript}). It knows nothing of the server: it speaks the wire formats only, and a server
 * is pointed at it with the {@code dossier:} YAML it offers. {@link org.xephang.dossiersim.DossierSimulatorMain} runs it
 * alone.
 */
package org.xephang.dossiersim;
