package org.xephang.core.auth;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.Role;
import org.xephang.core.Actor;
import org.xephang.core.site.Account;

/**
 * The accounts API's rules (issue #14 item 4): who may see, create and change which accounts, what a valid account
 * is ({@link AccountChecks}), and what each change does to its tokens. A province administrator (ADMIN of every site) manages every account;
 * a site administrator only accounts of its own sites, and never a province administrator. Disabling an account or
 * resetting its password revokes its tokens; the last enabled province administrator can be neither disabled nor
 * demoted. Every change is recorded in the audit log without secrets or full names. Changes run one at a time on one
 * worker (a name taken twice at once, two admins demoting each other at once are caught); bcrypt runs on the password
 * workers first.
 */
public final class AccountAdministration {

    private static final Logger LOG = LoggerFactory.getLogger(AccountAdministration.class);

    private final Authenticator auth;
    private final WorkerExecutor changes;

    AccountAdministration(Authenticator auth) {
        this.auth = auth;
        this.changes = auth.vertx().createSharedWorkerExecutor("xephang-account-changes", 1);
    }

    /**
     * The fields of a create or change request; null means not given.
     *
     * @param sites the site codes; empty for every site (a province administrator, or any account of one site)
     */
    public record Fields(
            String username,
            Role role,
            String displayName,
            Set<String> sites,
            Set<Integer> counters,
            Boolean disabled,
            String password) {}

    /** An account created, with the generated password of a device account (shown once), or null. */
    public record Created(Account account, String generatedPassword) {}

    /** A 400 VALIDATION naming {@code field}, with a Vietnamese message and its English. */
    public static QueueError invalid(String field, String message, String messageEn) {
        return QueueError.withDetails(ErrorCode.VALIDATION, message, messageEn, Map.of("field", field));
    }

    /** Whether {@code by} manages {@code account}: a province administrator every one, a site admin those of its sites. */
    static boolean manages(Actor by, Account account) {
        return by.sites().isEmpty() || (!account.sites().isEmpty() && by.sites().containsAll(account.sites()));
    }

    /** The accounts {@code by} manages, of {@code site} when given (accounts of every site included), by username. */
    public List<Account> visible(Actor by, String site) {
        if (site != null && !by.mayActAt(site)) {
            throw Authenticator.notAtSite(site);
        }
        return auth.accounts().all().stream()
                .filter(account -> manages(by, account))
                .filter(account -> site == null
                        || account.sites().isEmpty()
                        || account.sites().contains(site))
                .toList();
    }

    /** The account as the API shows it (never its hash). */
    public static JsonObject toJson(Account account, Instant lastSignIn) {
        return new JsonObject()
                .put("username", account.username())
                .put("role", account.role().name())
                .put("displayName", account.displayName())
                .put("sites", new JsonArray(new ArrayList<>(new TreeSet<>(account.sites()))))
                .put("counters", new JsonArray(new ArrayList<>(new TreeSet<>(account.counters()))))
                .put("disabled", account.disabled())
                .put("lastSignInAt", lastSignIn == null ? null : lastSignIn.toString());
    }

    /**
     * Creates an account. {@code centre} is every site of the centre with its counter numbers.
     *
     * @return the account, and the generated password when a device account was given none
     */
    public Future<Created> create(Actor by, String client, Fields fields, Map<String, Set<Integer>> centre) {
        String generated;
        try {
            generated = AccountChecks.checkNew(fields, centre);
        } catch (QueueError invalid) {
            return Future.failedFuture(invalid);
        }
        try {
            // Refused before any bcrypt work: an account outside the caller's sites, or a province administrator.
            requireManages(
                    by,
                    new Account(fields.username(), fields.role(), "-", null, null, fields.sites(), Set.of(), false));
        } catch (QueueError refused) {
            return Future.failedFuture(refused);
        }
        String password = generated != null ? generated : fields.password();
        return auth.hashPassword(password)
                .compose(hash -> changes.executeBlocking(
                        () -> {
                            if (auth.accounts().get(fields.username()) != null) {
                                throw new QueueError(
                                        ErrorCode.ACCOUNT_EXISTS,
                                        "Đã có tài khoản \"" + fields.username() + "\"; hãy chọn tên đăng nhập khác.",
                                        "An account \"" + fields.username()
                                                + "\" already exists; please choose another username.");
                            }
                            Account account = new Account(
                                    fields.username(),
                                    fields.role(),
                                    hash,
                                    null,
                                    fields.displayName(),
                                    fields.sites(),
                                    fields.role() == Role.OFFICER ? fields.counters() : Set.of(),
                                    Boolean.TRUE.equals(fields.disabled()));
                            requireManages(by, account);
                            save(account, by);
                            auth.passwordChanged(account.username(), hash);
                            LOG.info(
                                    "{} created the account {} ({})",
                                    by.username(),
                                    account.username(),
                                    account.role());
                            auth.audit()
                                    .record(
                                            by.username(),
                                            client,
                                            AuditTrail.ACCOUNT_CREATE,
                                            account.sites(),
                                            account.username(),
                                            AccountChecks.summary(account)
                                                    .put("password", generated != null ? "generated" : "set"));
                            return new Created(account, generated);
                        },
                        true));
    }

    /**
     * Refuses, before the request is read, a change of an account that is not there (404) or that {@code by} does
     * not manage (403): a site administrator learns nothing of another site's accounts from validation errors.
     */
    public void requireReach(Actor by, String username) {
        Account current = auth.accounts().get(username);
        if (current == null) {
            throw new QueueError(
                    ErrorCode.NOT_FOUND,
                    "Không có tài khoản " + LogText.quoted(username) + ".",
                    "No account " + LogText.quoted(username) + ".");
        }
        requireManages(by, current);
    }

    /** Changes an account: any of role, displayName, sites, counters, disabled, password. */
    public Future<Account> update(
            Actor by, String client, String username, Fields fields, Map<String, Set<Integer>> centre) {
        Account current = auth.accounts().get(username);
        if (current == null) {
            return Future.failedFuture(new QueueError(
                    ErrorCode.NOT_FOUND,
                    "Không có tài khoản " + LogText.quoted(username) + ".",
                    "No account " + LogText.quoted(username) + "."));
        }
        try {
            requireManages(by, current);
            AccountChecks.checkChange(current, fields, centre);
        } catch (QueueError invalid) {
            return Future.failedFuture(invalid);
        }
        Future<String> hash =
                fields.password() == null ? Future.succeededFuture(null) : auth.hashPassword(fields.password());
        return hash.compose(newHash -> changes.<Account>executeBlocking(
                        () -> {
                            Account before = auth.accounts().get(username);
                            requireManages(by, before);
                            Account after = applied(before, fields, newHash);
                            requireManages(by, after);
                            requireAnotherProvinceAdmin(before, after);
                            save(after, by);
                            if (newHash != null) {
                                auth.passwordChanged(username, newHash);
                            }
                            JsonObject detail = AccountChecks.changes(before, after, newHash != null);
                            LOG.info(
                                    "{} changed the account {}: {}",
                                    by.username(),
                                    username,
                                    detail.getJsonArray("changed"));
                            auth.audit()
                                    .record(
                                            by.username(),
                                            client,
                                            AuditTrail.ACCOUNT_UPDATE,
                                            union(before.sites(), after.sites()),
                                            username,
                                            detail);
                            return after;
                        },
                        true)
                .compose(after -> {
                    boolean revoke = newHash != null || (after.disabled() && !current.disabled());
                    return revoke ? auth.revokeTokens(username, null).map(after) : Future.succeededFuture(after);
                }));
    }

    /**
     * A person changes their own password: the current one checked, the new one held to the strength rule; every other
     * token of the account stops counting (the one used to ask keeps working).
     */
    public Future<Void> changeOwnPassword(
            Actor by, String client, String tokenId, String currentPassword, String newPassword) {
        Account account = auth.accounts().get(by.username());
        if (account == null) {
            return Future.failedFuture(
                    new QueueError(ErrorCode.UNAUTHENTICATED, "Cần đăng nhập lại.", "Please sign in again."));
        }
        try {
            AccountChecks.checkStrength(account.username(), newPassword, "newPassword");
            if (newPassword.equals(currentPassword)) {
                throw invalid(
                        "newPassword",
                        "Mật khẩu mới phải khác mật khẩu hiện tại.",
                        "The new password must differ from the current one.");
            }
        } catch (QueueError invalid) {
            return Future.failedFuture(invalid);
        }
        return auth.checkPassword(account, currentPassword)
                .compose(matches -> {
                    if (!matches) {
                        auth.audit()
                                .record(
                                        by.username(),
                                        client,
                                        AuditTrail.PASSWORD_CHANGE,
                                        account.sites(),
                                        by.username(),
                                        new JsonObject().put("outcome", "wrong current password"));
                        return Future.failedFuture(invalid(
                                "currentPassword", "Mật khẩu hiện tại không đúng.", "The current password is wrong."));
                    }
                    return auth.hashPassword(newPassword);
                })
                .compose(hash -> changes.<Void>executeBlocking(
                        () -> {
                            Account before = auth.accounts().get(by.username());
                            Account after = new Account(
                                    before.username(),
                                    before.role(),
                                    hash,
                                    before.counter(),
                                    before.displayName(),
                                    before.sites(),
                                    before.counters(),
                                    before.disabled());
                            save(after, by);
                            auth.passwordChanged(after.username(), hash);
                            auth.audit()
                                    .record(
                                            by.username(),
                                            client,
                                            AuditTrail.PASSWORD_CHANGE,
                                            after.sites(),
                                            by.username(),
                                            new JsonObject().put("outcome", "changed"));
                            return null;
                        },
                        true))
                .compose(saved -> auth.revokeTokens(by.username(), tokenId));
    }

    private void save(Account account, Actor by) {
        try {
            auth.accounts().save(account, auth.clock().instant(), by.username());
        } catch (AccountStorage.StorageException e) {
            LOG.error("Could not save the account {}", account.username(), e);
            throw new QueueError(
                    ErrorCode.UNAVAILABLE,
                    "Không lưu được tài khoản vào kho dữ liệu; hãy thử lại sau giây lát.",
                    "Could not save the account to the data store; please try again in a moment.");
        }
    }

    private static void requireManages(Actor by, Account account) {
        if (!manages(by, account)) {
            throw new QueueError(
                    ErrorCode.FORBIDDEN,
                    account.isProvinceAdmin()
                            ? "Chỉ quản trị viên cấp tỉnh quản lý được tài khoản quản trị cấp tỉnh."
                            : "Tài khoản " + account.username() + " không thuộc các điểm bạn quản lý.",
                    account.isProvinceAdmin()
                            ? "Only a province administrator can manage province administrator accounts."
                            : "Account " + account.username() + " does not belong to the sites you manage.");
        }
    }

    private void requireAnotherProvinceAdmin(Account before, Account after) {
        boolean wasOne = before.isProvinceAdmin() && !before.disabled();
        boolean isOne = after.isProvinceAdmin() && !after.disabled();
        if (wasOne && !isOne) {
            boolean another = auth.accounts().all().stream()
                    .anyMatch(a -> !a.username().equals(before.username()) && a.isProvinceAdmin() && !a.disabled());
            if (!another) {
                throw new QueueError(
                        ErrorCode.LAST_ADMIN,
                        "Không thể vô hiệu hoá hoặc hạ quyền " + before.username()
                                + ": đây là quản trị viên cấp tỉnh cuối cùng còn hoạt động. Hãy tạo hoặc bật một quản"
                                + " trị viên cấp tỉnh khác trước.",
                        "Cannot disable or demote " + before.username()
                                + ": this is the last active province administrator. Create or enable another province administrator first.");
            }
        }
    }

    private static Account applied(Account before, Fields fields, String newHash) {
        Role role = fields.role() != null ? fields.role() : before.role();
        Set<String> sites = fields.sites() != null ? fields.sites() : before.sites();
        Set<Integer> counters =
                role != Role.OFFICER ? Set.of() : fields.counters() != null ? fields.counters() : before.counters();
        Integer home = before.counter() != null
                        && (counters.isEmpty() || counters.contains(before.counter()))
                        && role == Role.OFFICER
                ? before.counter()
                : null;
        return new Account(
                before.username(),
                role,
                newHash != null ? newHash : before.passwordHash(),
                home,
                fields.displayName() != null ? fields.displayName() : before.displayName(),
                sites,
                counters,
                fields.disabled() != null ? fields.disabled() : before.disabled());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Set.of();
        }
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    void close() {
        changes.close();
    }
}
