/**
 * How personal data is shown where it must not be read in full: masked names ({@link
 * org.xephang.core.privacy.OwnerNameMask}) for the dossier lookup and the appointments' public answers. Plain Java.
 */
package org.xephang.core.privacy;
