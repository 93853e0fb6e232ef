//! Reading input documents: placeholder.
