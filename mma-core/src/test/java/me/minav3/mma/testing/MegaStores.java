package me.minav3.mma.testing;

import me.minav3.mma.port.AuditLog;
import me.minav3.mma.port.ConfigStore;
import me.minav3.mma.port.CustomerStore;
import me.minav3.mma.port.Ledger;

/** The four MEGA-table ports of one storage implementation, for the shared contract tests. */
public record MegaStores(CustomerStore customers, Ledger ledger, ConfigStore config, AuditLog audit) {
}
