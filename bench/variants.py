"""Shared by the benchmarks' corpus generators: how to vary the seeds' regions.

seed file prefix → (the name stem the seed's text uses, real places of the same level in the same
province), so a generated document still resolves to a real division with a real code.
"""

REGIONS = {
    "000": ("临沂", ["潍坊", "济宁", "泰安", "日照", "聊城"]),
    "001": ("费县", ["沂水县", "平邑县", "蒙阴县", "沂南县", "郯城县"]),
    "002": ("延安", ["榆林", "宝鸡", "渭南", "汉中", "安康"]),
    "003": ("宿迁", ["淮安", "盐城", "连云港", "徐州", "泰州"]),
    "004": ("六盘水", ["遵义", "安顺", "毕节", "铜仁", "黔西南"]),
}
