package com.taskdesk.testing;

import java.sql.Connection;

import io.agroal.api.AgroalPoolInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/** Agroal calls this for every checkout and return of the functions' pool (test-only bean). */
@ApplicationScoped
public class PoolCheckouts implements AgroalPoolInterceptor {

    @Override
    public void onConnectionAcquire(Connection connection) {
        SqlCounter.checkedOut();
    }

    @Override
    public void onConnectionReturn(Connection connection) {
        SqlCounter.returned();
    }
}
