//! Language identification of blocks and bodies.
