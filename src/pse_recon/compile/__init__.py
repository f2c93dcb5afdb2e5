"""Code generation: what the declarations (:mod:`pse_recon.declaration`) compile to.

* :mod:`.plan`: one plan per record and per (layout, encoding class, line ending),
  every fact the generated code needs (digit runs, coded groups, learned and ranged
  columns, sequences, sums), derived once;
* :mod:`.codec`: each record's decoder and encoder;
* :mod:`.scanner`: validation's line scanner of good details;
* :mod:`.bulk`: validation's checker of blocks of good details;
* :mod:`.model`: a model class's constructor, one test of all its fields' checks
  (``generate``'s million transactions);
* :mod:`.codegen`: how generated source is run and registered in :mod:`linecache`,
  so that tracebacks and debuggers show it.

``python -m pse_recon.compile FORMAT [RECORD]`` prints the generated source.
"""
