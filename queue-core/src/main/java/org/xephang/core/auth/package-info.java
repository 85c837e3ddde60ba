/** Who may use the API: sign-in with bcrypt-hashed passwords, bearer tokens, role checks per route (§11). */
package org.xephang.core.auth;
