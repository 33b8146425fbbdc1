package dev.rollback.core.plan;

/** Turns a spec (from a fresh plan or from a journal) into an executable step bound to adapters. */
public interface StepFactory {

    Step create(StepSpec spec);
}
