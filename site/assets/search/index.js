HandbookSearch.m({"v":1,"docs":48,"chunk":16,"kinds":["Article","FAQ","Case study","Page","Section","Home"],"shards":["","thought"]});
