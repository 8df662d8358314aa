"""The real-ish titles the Sonarr and Radarr simulators are seeded with (data only)."""

# ruff: noqa: E501  -- one catalogue row per line reads and diffs better than wrapped tuples

from __future__ import annotations

from typing import Final

# Genres and studios the rows below share.
_SF, _ACT, _ADV, _DRA, _CRI, _THR = "Science Fiction", "Action", "Adventure", "Drama", "Crime", "Thriller"
_COM, _ANI, _FAN, _HOR, _HIS, _WAR, _MYS, _ROM = (
    "Comedy", "Animation", "Fantasy", "Horror", "History", "War", "Mystery", "Romance"
)  # fmt: skip
_WB, _PAR, _UNI, _FOX, _A24, _PIXAR, _MIRA = (
    "Warner Bros. Pictures", "Paramount Pictures", "Universal Pictures", "20th Century Fox", "A24", "Pixar", "Miramax"
)  # fmt: skip

# Series: (title, year, tvdbId, imdbId, tmdbId, tvMazeId, network, status, episodes per season, genres,
#          runtime, certification, original language, airing now).
# Order matters: `autoarr.sim.downloads` points at indices 0 (Breaking Bad), 2 (The Expanse) and 5 (Severance).
SeriesRow = tuple[str, int, int, str, int, int, str, str, tuple[int, ...], tuple[str, ...], int, str, str, bool]

# fmt: off
SERIES: Final[tuple[SeriesRow, ...]] = (
    ("Breaking Bad", 2008, 81189, "tt0903747", 1396, 169, "AMC", "ended", (7, 13, 13, 13, 16), (_CRI, _DRA, _THR), 47, "TV-MA", "English", False),
    ("Game of Thrones", 2011, 121361, "tt0944947", 1399, 82, "HBO", "ended", (10, 10, 10, 10, 10, 10, 7, 6), (_ADV, _DRA, _FAN), 60, "TV-MA", "English", False),
    ("The Expanse", 2015, 280619, "tt3230854", 63639, 1825, "Amazon", "ended", (10, 13, 13, 10, 10, 6), (_DRA, _MYS, _SF), 45, "TV-14", "English", False),
    ("The Office (US)", 2005, 73244, "tt0386676", 2316, 526, "NBC", "ended", (6, 22, 23, 14, 26, 24, 24, 24, 23), (_COM,), 22, "TV-14", "English", False),
    ("Stranger Things", 2016, 305288, "tt4574334", 66732, 2993, "Netflix", "ended", (8, 9, 8, 9, 8), (_DRA, _FAN, _HOR), 60, "TV-14", "English", False),
    ("Severance", 2022, 371980, "tt11280740", 95396, 44933, "Apple TV+", "continuing", (9, 10), (_DRA, _MYS, _SF), 50, "TV-MA", "English", False),
    ("The Mandalorian", 2019, 361753, "tt8111088", 82856, 38963, "Disney+", "continuing", (8, 8, 8), (_ACT, _ADV, _SF), 40, "TV-14", "English", False),
    ("Better Call Saul", 2015, 273181, "tt3032476", 60059, 618, "AMC", "ended", (10, 10, 10, 10, 10, 13), (_CRI, _DRA), 46, "TV-MA", "English", False),
    ("Chernobyl", 2019, 360893, "tt7366338", 87108, 30770, "HBO", "ended", (5,), (_DRA, _HIS), 65, "TV-MA", "English", False),
    ("The Last of Us", 2023, 392256, "tt3581920", 100088, 46562, "HBO", "continuing", (9, 7), (_ACT, _ADV, _DRA), 55, "TV-MA", "English", False),
    ("Succession", 2018, 338186, "tt7660850", 76331, 32815, "HBO", "ended", (10, 10, 9, 10), (_COM, _DRA), 60, "TV-MA", "English", False),
    ("The Bear", 2022, 403245, "tt14452776", 136315, 61580, "FX", "continuing", (8, 10, 10, 10), (_COM, _DRA), 30, "TV-MA", "English", False),
    ("Ted Lasso", 2020, 383203, "tt10986410", 97546, 44458, "Apple TV+", "continuing", (10, 12, 12), (_COM, _DRA), 40, "TV-MA", "English", False),
    ("House of the Dragon", 2022, 371572, "tt11198330", 94997, 44778, "HBO", "continuing", (10, 8), (_ACT, _DRA, _FAN), 60, "TV-MA", "English", False),
    ("Shōgun (2024)", 2024, 392573, "tt2788316", 126308, 33296, "FX", "continuing", (10,), (_DRA, _HIS, _WAR), 60, "TV-MA", "English", False),
    ("Andor", 2022, 393189, "tt9253284", 83867, 40474, "Disney+", "ended", (12, 12), (_ACT, _DRA, _SF), 45, "TV-14", "English", False),
    ("The Boys", 2019, 355567, "tt1190634", 76479, 15299, "Amazon", "continuing", (8, 8, 8, 8, 8), (_ACT, _COM, _CRI), 60, "TV-MA", "English", True),
    ("Fargo", 2014, 269613, "tt2802850", 60622, 1836, "FX", "continuing", (10, 10, 10, 11, 10), (_CRI, _DRA, _THR), 53, "TV-MA", "English", False),
    ("True Detective", 2014, 270633, "tt2356777", 46648, 5, "HBO", "continuing", (8, 8, 8, 6), (_CRI, _DRA, _MYS), 60, "TV-MA", "English", False),
    ("Dark", 2017, 334824, "tt5753856", 70523, 17861, "Netflix", "ended", (10, 8, 8), (_DRA, _MYS, _SF), 55, "TV-MA", "German", False),
    ("Westworld", 2016, 296762, "tt0475784", 63247, 1371, "HBO", "ended", (10, 10, 8, 8), (_DRA, _MYS, "Western"), 62, "TV-MA", "English", False),
    ("Sherlock", 2010, 176941, "tt1475582", 19885, 335, "BBC One", "ended", (3, 3, 3, 4), (_CRI, _DRA, _MYS), 88, "TV-14", "English", False),
    ("The Wire", 2002, 79126, "tt0306414", 1438, 179, "HBO", "ended", (13, 12, 12, 13, 10), (_CRI, _DRA), 59, "TV-MA", "English", False),
    ("The Sopranos", 1999, 75299, "tt0141842", 1398, 527, "HBO", "ended", (13, 13, 13, 13, 13, 21), (_CRI, _DRA), 55, "TV-MA", "English", False),
    ("Mr. Robot", 2015, 289590, "tt4158110", 62560, 1871, "USA Network", "ended", (10, 12, 10, 13), (_CRI, _DRA, _THR), 49, "TV-MA", "English", False),
    ("Slow Horses", 2022, 393770, "tt5875444", 95480, 44783, "Apple TV+", "continuing", (6, 6, 6, 6, 6), (_COM, _DRA, _THR), 45, "TV-MA", "English", True),
    ("Silo", 2023, 403297, "tt14688458", 125988, 54960, "Apple TV+", "continuing", (10, 10), (_DRA, _SF), 50, "TV-MA", "English", False),
    ("Foundation", 2021, 366972, "tt0804484", 93740, 39350, "Apple TV+", "continuing", (10, 10, 10), (_DRA, _SF), 60, "TV-14", "English", True),
    ("Reacher", 2022, 366924, "tt9288030", 108978, 41764, "Amazon", "continuing", (8, 8, 8), (_ACT, _CRI, _DRA), 50, "TV-MA", "English", False),
    ("Arcane", 2021, 371028, "tt11126994", 94605, 41811, "Netflix", "ended", (9, 9), (_ACT, _ANI, _FAN), 40, "TV-14", "English", False),
    # Not in the default library: what `series/lookup` finds and POST /series can add.
    ("The Penguin", 2024, 423625, "tt15435876", 194764, 60595, "HBO", "ended", (8,), (_CRI, _DRA), 60, "TV-MA", "English", False),
    ("Fallout", 2024, 416744, "tt12637874", 106379, 60743, "Amazon", "continuing", (8, 8), (_ACT, _ADV, _SF), 60, "TV-MA", "English", True),
    ("Blue Eye Samurai", 2023, 420945, "tt13309742", 195241, 56947, "Netflix", "continuing", (8,), (_ACT, _ANI, _DRA), 45, "TV-MA", "English", False),
    ("Only Murders in the Building", 2021, 384463, "tt11691774", 107113, 42993, "Hulu", "continuing", (10, 10, 10, 10, 10), (_COM, _CRI, _MYS), 35, "TV-MA", "English", False),
    ("Dexter", 2006, 79349, "tt0773262", 1405, 161, "Showtime", "ended", (12, 12, 12, 12, 12, 12, 12, 12), (_CRI, _DRA, _MYS), 53, "TV-MA", "English", False),
)
# fmt: on
SERIES_IN_LIBRARY: Final = 30

# Movies: (title, year, tmdbId, imdbId, studio, genres, runtime, certification, original language, collection).
# Indices 0 (The Matrix), 7 (Dune: Part Two) and 12 (Oppenheimer) are the ones `downloads.py` names.
MovieRow = tuple[str, int, int, str, str, tuple[str, ...], int, str, str, tuple[str, int] | None]
_MATRIX = ("The Matrix Collection", 2344)
_DARK_KNIGHT = ("The Dark Knight Collection", 263)
_DUNE = ("Dune Collection", 726871)
_GODFATHER = ("The Godfather Collection", 230)
_LOTR = ("The Lord of the Rings Collection", 119)
_STAR_WARS = ("Star Wars Collection", 10)
_ALIEN = ("Alien Collection", 8091)
_TERMINATOR = ("The Terminator Collection", 528)
_AVATAR = ("Avatar Collection", 87096)
_AVENGERS = ("The Avengers Collection", 86311)
_SPIDER_VERSE = ("Spider-Man: Spider-Verse Collection", 573436)
_WICK = ("John Wick Collection", 404609)
_TOP_GUN = ("Top Gun Collection", 531330)
_KILL_BILL = ("Kill Bill Collection", 2883)
_INSIDE_OUT = ("Inside Out Collection", 1022790)

# fmt: off
MOVIES: Final[tuple[MovieRow, ...]] = (
    ("The Matrix", 1999, 603, "tt0133093", _WB, (_ACT, _SF), 136, "R", "English", _MATRIX),
    ("The Matrix Reloaded", 2003, 604, "tt0234215", _WB, (_ACT, _SF), 138, "R", "English", _MATRIX),
    ("The Matrix Revolutions", 2003, 605, "tt0242653", _WB, (_ACT, _SF), 129, "R", "English", _MATRIX),
    ("Inception", 2010, 27205, "tt1375666", _WB, (_ACT, _SF, _ADV), 148, "PG-13", "English", None),
    ("Interstellar", 2014, 157336, "tt0816692", _PAR, (_ADV, _DRA, _SF), 169, "PG-13", "English", None),
    ("The Dark Knight", 2008, 155, "tt0468569", _WB, (_DRA, _ACT, _CRI), 152, "PG-13", "English", _DARK_KNIGHT),
    ("Dune", 2021, 438631, "tt1160419", "Legendary Pictures", (_SF, _ADV), 155, "PG-13", "English", _DUNE),
    ("Dune: Part Two", 2024, 693134, "tt15239678", "Legendary Pictures", (_SF, _ADV), 166, "PG-13", "English", _DUNE),
    ("Blade Runner", 1982, 78, "tt0083658", _WB, (_SF, _DRA, _THR), 117, "R", "English", None),
    ("Blade Runner 2049", 2017, 335984, "tt1856101", "Alcon Entertainment", (_SF, _DRA), 164, "R", "English", None),
    ("Arrival", 2016, 329865, "tt2543164", _PAR, (_DRA, _SF, _MYS), 116, "PG-13", "English", None),
    ("Tenet", 2020, 577922, "tt6723592", _WB, (_ACT, _THR, _SF), 150, "PG-13", "English", None),
    ("Oppenheimer", 2023, 872585, "tt15398776", _UNI, (_DRA, _HIS), 181, "R", "English", None),
    ("Barbie", 2023, 346698, "tt1517268", _WB, (_COM, _ADV, _FAN), 114, "PG-13", "English", None),
    ("Everything Everywhere All at Once", 2022, 545611, "tt6710474", _A24, (_ACT, _ADV, _SF), 139, "R", "English", None),
    ("Parasite", 2019, 496243, "tt6751668", "CJ Entertainment", (_COM, _THR, _DRA), 133, "R", "Korean", None),
    ("Spirited Away", 2001, 129, "tt0245429", "Studio Ghibli", (_ANI, _FAN), 125, "PG", "Japanese", None),
    ("Pulp Fiction", 1994, 680, "tt0110912", _MIRA, (_THR, _CRI), 154, "R", "English", None),
    ("Fight Club", 1999, 550, "tt0137523", _FOX, (_DRA,), 139, "R", "English", None),
    ("The Shawshank Redemption", 1994, 278, "tt0111161", "Castle Rock Entertainment", (_DRA, _CRI), 142, "R", "English", None),
    ("The Godfather", 1972, 238, "tt0068646", _PAR, (_DRA, _CRI), 175, "R", "English", _GODFATHER),
    ("The Godfather Part II", 1974, 240, "tt0071562", _PAR, (_DRA, _CRI), 202, "R", "English", _GODFATHER),
    ("GoodFellas", 1990, 769, "tt0099685", _WB, (_DRA, _CRI), 145, "R", "English", None),
    ("Se7en", 1995, 807, "tt0114369", "New Line Cinema", (_CRI, _MYS, _THR), 127, "R", "English", None),
    ("The Silence of the Lambs", 1991, 274, "tt0102926", "Orion Pictures", (_CRI, _DRA, _THR), 118, "R", "English", None),
    ("Forrest Gump", 1994, 13, "tt0109830", _PAR, (_COM, _DRA, _ROM), 142, "PG-13", "English", None),
    ("Schindler's List", 1993, 424, "tt0108052", _UNI, (_DRA, _HIS, _WAR), 195, "R", "English", None),
    ("The Lord of the Rings: The Fellowship of the Ring", 2001, 120, "tt0120737", "New Line Cinema", (_ADV, _FAN, _ACT), 179, "PG-13", "English", _LOTR),
    ("The Lord of the Rings: The Two Towers", 2002, 121, "tt0167261", "New Line Cinema", (_ADV, _FAN, _ACT), 179, "PG-13", "English", _LOTR),
    ("The Lord of the Rings: The Return of the King", 2003, 122, "tt0167260", "New Line Cinema", (_ADV, _FAN, _ACT), 201, "PG-13", "English", _LOTR),
    ("Star Wars", 1977, 11, "tt0076759", "Lucasfilm Ltd.", (_ADV, _ACT, _SF), 121, "PG", "English", _STAR_WARS),
    ("The Empire Strikes Back", 1980, 1891, "tt0080684", "Lucasfilm Ltd.", (_ADV, _ACT, _SF), 124, "PG", "English", _STAR_WARS),
    ("Return of the Jedi", 1983, 1892, "tt0086190", "Lucasfilm Ltd.", (_ADV, _ACT, _SF), 131, "PG", "English", _STAR_WARS),
    ("Back to the Future", 1985, 105, "tt0088763", _UNI, (_ADV, _COM, _SF), 116, "PG", "English", ("Back to the Future Collection", 264)),
    ("Jurassic Park", 1993, 329, "tt0107290", _UNI, (_ADV, _SF), 127, "PG-13", "English", ("Jurassic Park Collection", 328)),
    ("Alien", 1979, 348, "tt0078748", _FOX, (_HOR, _SF), 117, "R", "English", _ALIEN),
    ("Aliens", 1986, 679, "tt0090605", _FOX, (_ACT, _THR, _SF), 137, "R", "English", _ALIEN),
    ("The Terminator", 1984, 218, "tt0088247", "Orion Pictures", (_ACT, _THR, _SF), 108, "R", "English", _TERMINATOR),
    ("Terminator 2: Judgment Day", 1991, 280, "tt0103064", "TriStar Pictures", (_ACT, _THR, _SF), 137, "R", "English", _TERMINATOR),
    ("Die Hard", 1988, 562, "tt0095016", _FOX, (_ACT, _THR), 132, "R", "English", ("Die Hard Collection", 1570)),
    ("Gladiator", 2000, 98, "tt0172495", "DreamWorks Pictures", (_ACT, _DRA, _ADV), 155, "R", "English", None),
    ("Titanic", 1997, 597, "tt0120338", _PAR, (_DRA, _ROM), 194, "PG-13", "English", None),
    ("Avatar", 2009, 19995, "tt0499549", _FOX, (_ACT, _ADV, _FAN), 162, "PG-13", "English", _AVATAR),
    ("Avatar: The Way of Water", 2022, 76600, "tt1630029", "20th Century Studios", (_SF, _ADV, _ACT), 192, "PG-13", "English", _AVATAR),
    ("The Avengers", 2012, 24428, "tt0848228", "Marvel Studios", (_SF, _ACT, _ADV), 143, "PG-13", "English", _AVENGERS),
    ("Avengers: Infinity War", 2018, 299536, "tt4154756", "Marvel Studios", (_ADV, _ACT, _SF), 149, "PG-13", "English", _AVENGERS),
    ("Avengers: Endgame", 2019, 299534, "tt4154796", "Marvel Studios", (_ADV, _SF, _ACT), 181, "PG-13", "English", _AVENGERS),
    ("Iron Man", 2008, 1726, "tt0371746", "Marvel Studios", (_ACT, _SF, _ADV), 126, "PG-13", "English", None),
    ("Spider-Man: Into the Spider-Verse", 2018, 324857, "tt4633694", "Sony Pictures Animation", (_ANI, _ACT, _ADV), 117, "PG", "English", _SPIDER_VERSE),
    ("Spider-Man: Across the Spider-Verse", 2023, 569094, "tt9362722", "Sony Pictures Animation", (_ANI, _ACT, _ADV), 140, "PG", "English", _SPIDER_VERSE),
    ("Mad Max: Fury Road", 2015, 76341, "tt1392190", _WB, (_ACT, _ADV, _SF), 121, "R", "English", None),
    ("John Wick", 2014, 245891, "tt2911666", "Lionsgate", (_ACT, _THR), 101, "R", "English", _WICK),
    ("John Wick: Chapter 4", 2023, 603692, "tt10366206", "Lionsgate", (_ACT, _THR, _CRI), 170, "R", "English", _WICK),
    ("Top Gun", 1986, 744, "tt0092099", _PAR, (_ACT, _DRA), 110, "PG", "English", _TOP_GUN),
    ("Top Gun: Maverick", 2022, 361743, "tt1745960", _PAR, (_ACT, _DRA), 131, "PG-13", "English", _TOP_GUN),
    ("Joker", 2019, 475557, "tt7286456", _WB, (_CRI, _THR, _DRA), 122, "R", "English", None),
    ("Knives Out", 2019, 546554, "tt8946378", "Lionsgate", (_COM, _CRI, _MYS), 131, "PG-13", "English", None),
    ("1917", 2019, 530915, "tt8579674", _UNI, (_WAR, _HIS, _DRA), 119, "R", "English", None),
    ("Whiplash", 2014, 244786, "tt2582802", "Sony Pictures Classics", (_DRA,), 107, "R", "English", None),
    ("La La Land", 2016, 313369, "tt3783958", "Lionsgate", (_COM, _DRA, _ROM), 129, "PG-13", "English", None),
    ("Get Out", 2017, 419430, "tt5052448", _UNI, (_MYS, _THR, _HOR), 104, "R", "English", None),
    ("Hereditary", 2018, 493922, "tt7784604", _A24, (_HOR, _MYS, _THR), 127, "R", "English", None),
    ("The Prestige", 2006, 1124, "tt0482571", _WB, (_DRA, _MYS, _SF), 130, "PG-13", "English", None),
    ("Memento", 2000, 77, "tt0209144", "Newmarket Films", (_MYS, _THR), 113, "R", "English", None),
    ("Batman Begins", 2005, 272, "tt0372784", _WB, (_ACT, _CRI, _DRA), 140, "PG-13", "English", _DARK_KNIGHT),
    ("The Dark Knight Rises", 2012, 49026, "tt1345836", _WB, (_ACT, _CRI, _DRA), 165, "PG-13", "English", _DARK_KNIGHT),
    ("Toy Story", 1995, 862, "tt0114709", _PIXAR, (_ANI, _ADV, _COM), 81, "G", "English", ("Toy Story Collection", 10194)),
    ("Finding Nemo", 2003, 12, "tt0266543", _PIXAR, (_ANI, _COM), 100, "G", "English", None),
    ("WALL·E", 2008, 10681, "tt0910970", _PIXAR, (_ANI, _COM, _SF), 98, "G", "English", None),
    ("Up", 2009, 14160, "tt1049413", _PIXAR, (_ANI, _COM, _ADV), 96, "PG", "English", None),
    ("Inside Out", 2015, 150540, "tt2096673", _PIXAR, (_ANI, _DRA, _COM), 95, "PG", "English", _INSIDE_OUT),
    ("Coco", 2017, 354912, "tt2380307", _PIXAR, (_ANI, _FAN, _ADV), 105, "PG", "English", None),
    ("Soul", 2020, 508442, "tt2948372", _PIXAR, (_ANI, _FAN, _COM), 100, "PG", "English", None),
    ("Amélie", 2001, 194, "tt0211915", "UGC", (_COM, _ROM), 122, "R", "French", None),
    ("Life Is Beautiful", 1997, 637, "tt0118799", "Melampo Cinematografica", (_COM, _DRA), 116, "PG-13", "Italian", None),
    ("The Green Mile", 1999, 497, "tt0120689", "Castle Rock Entertainment", (_FAN, _DRA, _CRI), 189, "R", "English", None),
    ("Saving Private Ryan", 1998, 857, "tt0120815", "DreamWorks Pictures", (_DRA, _HIS, _WAR), 169, "R", "English", None),
    ("The Departed", 2006, 1422, "tt0407887", _WB, (_DRA, _THR, _CRI), 151, "R", "English", None),
    ("Django Unchained", 2012, 68718, "tt1853728", "Columbia Pictures", (_DRA, "Western"), 165, "R", "English", None),
    ("Inglourious Basterds", 2009, 16869, "tt0361748", _UNI, (_DRA, _THR, _WAR), 153, "R", "English", None),
    ("The Social Network", 2010, 37799, "tt1285016", "Columbia Pictures", (_DRA,), 120, "PG-13", "English", None),
    ("Gone Girl", 2014, 210577, "tt2267998", _FOX, (_MYS, _THR, _DRA), 149, "R", "English", None),
    ("No Country for Old Men", 2007, 6977, "tt0477348", _MIRA, (_CRI, _DRA, _THR), 122, "R", "English", None),
    ("There Will Be Blood", 2007, 7345, "tt0469494", "Paramount Vantage", (_DRA,), 158, "R", "English", None),
    ("The Grand Budapest Hotel", 2014, 120467, "tt2278388", "Fox Searchlight Pictures", (_COM, _DRA), 100, "R", "English", None),
    ("Her", 2013, 152601, "tt1798709", "Annapurna Pictures", (_ROM, _SF, _DRA), 126, "R", "English", None),
    ("Ex Machina", 2015, 264660, "tt0470752", _A24, (_DRA, _SF), 108, "R", "English", None),
    ("The Martian", 2015, 286217, "tt3659388", _FOX, (_DRA, _ADV, _SF), 144, "PG-13", "English", None),
    ("Gravity", 2013, 49047, "tt1454468", _WB, (_SF, _THR, _DRA), 91, "PG-13", "English", None),
    ("Edge of Tomorrow", 2014, 137113, "tt1631867", _WB, (_ACT, _SF), 113, "PG-13", "English", None),
    ("Children of Men", 2006, 9693, "tt0206634", _UNI, (_DRA, _ACT, _THR), 109, "R", "English", None),
    ("District 9", 2009, 17654, "tt1136608", "TriStar Pictures", (_SF,), 112, "R", "English", None),
    ("Moon", 2009, 17431, "tt1182345", "Sony Pictures Classics", (_SF, _DRA), 97, "R", "English", None),
    ("Sicario", 2015, 273481, "tt3397884", "Lionsgate", (_ACT, _CRI, _THR), 121, "R", "English", None),
    ("Prisoners", 2013, 146233, "tt1392214", _WB, (_DRA, _THR, _CRI), 153, "R", "English", None),
    ("Drive", 2011, 64690, "tt0780504", "FilmDistrict", (_DRA, _THR, _CRI), 100, "R", "English", None),
    ("Nightcrawler", 2014, 242582, "tt2872718", "Open Road Films", (_CRI, _DRA, _THR), 118, "R", "English", None),
    ("The Revenant", 2015, 281957, "tt1663202", _FOX, ("Western", _DRA, _ADV), 156, "R", "English", None),
    ("Birdman", 2014, 194662, "tt2562232", "Fox Searchlight Pictures", (_DRA, _COM), 119, "R", "English", None),
    ("Black Swan", 2010, 44214, "tt0947798", "Fox Searchlight Pictures", (_DRA, _THR), 108, "R", "English", None),
    ("The Wolf of Wall Street", 2013, 106646, "tt0993846", _PAR, (_CRI, _DRA, _COM), 180, "R", "English", None),
    ("Shutter Island", 2010, 11324, "tt1130884", _PAR, (_DRA, _THR, _MYS), 138, "R", "English", None),
    ("Catch Me If You Can", 2002, 640, "tt0264464", "DreamWorks Pictures", (_DRA, _CRI), 141, "PG-13", "English", None),
    ("Heat", 1995, 949, "tt0113277", _WB, (_CRI, _DRA, _ACT), 170, "R", "English", None),
    ("The Usual Suspects", 1995, 629, "tt0114814", "Gramercy Pictures", (_DRA, _CRI, _THR), 106, "R", "English", None),
    ("Reservoir Dogs", 1992, 500, "tt0105236", _MIRA, (_CRI, _THR), 99, "R", "English", None),
    ("Kill Bill: Vol. 1", 2003, 24, "tt0266697", _MIRA, (_ACT, _CRI), 111, "R", "English", _KILL_BILL),
    ("Kill Bill: Vol. 2", 2004, 393, "tt0378194", _MIRA, (_ACT, _CRI, _THR), 137, "R", "English", _KILL_BILL),
    ("The Truman Show", 1998, 37165, "tt0120382", _PAR, (_COM, _DRA), 103, "PG", "English", None),
    ("Eternal Sunshine of the Spotless Mind", 2004, 38, "tt0338013", "Focus Features", (_SF, _DRA, _ROM), 108, "R", "English", None),
    ("Gattaca", 1997, 782, "tt0119177", "Columbia Pictures", (_THR, _SF, _MYS), 106, "PG-13", "English", None),
    ("Minority Report", 2002, 180, "tt0181689", "DreamWorks Pictures", (_ACT, _THR, _SF), 145, "PG-13", "English", None),
    ("Oldboy", 2003, 670, "tt0364569", "Show East", (_DRA, _THR, _MYS), 120, "R", "Korean", None),
    ("Princess Mononoke", 1997, 128, "tt0119698", "Studio Ghibli", (_ADV, _FAN, _ANI), 134, "PG-13", "Japanese", None),
    ("My Neighbor Totoro", 1988, 8392, "tt0096283", "Studio Ghibli", (_FAN, _ANI), 86, "G", "Japanese", None),
    ("Akira", 1988, 149, "tt0094625", "TMS Entertainment", (_ANI, _SF, _ACT), 124, "R", "Japanese", None),
    ("Seven Samurai", 1954, 346, "tt0047478", "Toho", (_ACT, _DRA), 207, "NR", "Japanese", None),
    ("Casablanca", 1942, 289, "tt0034583", _WB, (_DRA, _ROM), 102, "PG", "English", None),
    ("Psycho", 1960, 539, "tt0054215", _PAR, (_HOR, _THR, _MYS), 109, "R", "English", None),
    ("Vertigo", 1958, 426, "tt0052357", _PAR, (_MYS, _ROM, _THR), 128, "PG", "English", None),
    ("2001: A Space Odyssey", 1968, 62, "tt0062622", "Metro-Goldwyn-Mayer", (_SF, _MYS, _ADV), 149, "G", "English", None),
    ("Apocalypse Now", 1979, 28, "tt0078788", "United Artists", (_DRA, _WAR), 147, "R", "English", None),
    ("Taxi Driver", 1976, 103, "tt0075314", "Columbia Pictures", (_CRI, _DRA), 114, "R", "English", None),
    ("The Shining", 1980, 694, "tt0081505", _WB, (_HOR, _THR), 144, "R", "English", None),
    ("Raiders of the Lost Ark", 1981, 85, "tt0082971", "Lucasfilm Ltd.", (_ADV, _ACT), 115, "PG", "English", ("Indiana Jones Collection", 84)),
    ("E.T. the Extra-Terrestrial", 1982, 601, "tt0083866", _UNI, (_SF, _ADV), 115, "PG", "English", None),
    ("Jaws", 1975, 578, "tt0073195", _UNI, (_HOR, _THR, _ADV), 124, "PG", "English", None),
    ("The Thing", 1982, 1091, "tt0084787", _UNI, (_HOR, _MYS, _SF), 109, "R", "English", None),
    ("RoboCop", 1987, 5548, "tt0093870", "Orion Pictures", (_ACT, _THR, _SF), 102, "R", "English", None),
    ("Predator", 1987, 106, "tt0093773", _FOX, (_SF, _ACT, _ADV), 107, "R", "English", None),
    ("The Big Lebowski", 1998, 115, "tt0118715", "PolyGram Filmed Entertainment", (_COM, _CRI), 117, "R", "English", None),
    ("Fargo", 1996, 275, "tt0116282", "PolyGram Filmed Entertainment", (_CRI, _DRA, _THR), 98, "R", "English", None),
    ("Lost in Translation", 2003, 153, "tt0335266", "Focus Features", (_DRA, _COM, _ROM), 102, "R", "English", None),
    ("Zodiac", 2007, 1949, "tt0443706", _PAR, (_CRI, _DRA, _MYS), 157, "R", "English", None),
    ("The Irishman", 2019, 398978, "tt1302006", "Netflix", (_CRI, _DRA, _HIS), 209, "R", "English", None),
    ("Killers of the Flower Moon", 2023, 466420, "tt5537002", "Apple Studios", (_CRI, _DRA, _HIS), 206, "R", "English", None),
    ("Poor Things", 2023, 792307, "tt14230458", "Searchlight Pictures", (_SF, _ROM, _COM), 141, "R", "English", None),
    ("Anatomy of a Fall", 2023, 915935, "tt17009710", "Les Films Pelléas", (_CRI, _DRA, _THR), 151, "R", "French", None),
    ("The Zone of Interest", 2023, 467244, "tt7160372", _A24, (_DRA, _HIS, _WAR), 105, "PG-13", "German", None),
    ("Past Lives", 2023, 666277, "tt13238346", _A24, (_DRA, _ROM), 106, "PG-13", "English", None),
    ("Godzilla Minus One", 2023, 940721, "tt23289160", "Toho", (_SF, _HOR, _ACT), 125, "PG-13", "Japanese", None),
    ("The Holdovers", 2023, 840430, "tt14849194", "Focus Features", (_COM, _DRA), 133, "R", "English", None),
    ("Civil War", 2024, 929590, "tt17279496", _A24, (_WAR, _ACT, _DRA), 109, "R", "English", None),
    ("Furiosa: A Mad Max Saga", 2024, 786892, "tt12037194", _WB, (_ACT, _ADV, _SF), 149, "R", "English", None),
    ("Inside Out 2", 2024, 1022789, "tt22022452", _PIXAR, (_ANI, _ADV, _COM), 97, "PG", "English", _INSIDE_OUT),
    ("Deadpool & Wolverine", 2024, 533535, "tt6263850", "Marvel Studios", (_ACT, _COM, _SF), 128, "R", "English", None),
    ("Conclave", 2024, 974576, "tt20215234", "Focus Features", (_DRA, _THR, _MYS), 120, "PG", "English", None),
    # Upcoming: their release dates are set relative to the seed's `now`, so the calendar has something to show.
    ("The Odyssey", 0, 1368337, "tt33764258", _UNI, (_ADV, _FAN, _ACT), 165, "PG-13", "English", None),
    ("Avengers: Doomsday", 0, 1003596, "tt21357150", "Marvel Studios", (_ACT, _ADV, _SF), 150, "PG-13", "English", _AVENGERS),
    ("Dune: Part Three", 0, 1170608, "tt31378509", "Legendary Pictures", (_SF, _ADV), 160, "PG-13", "English", _DUNE),
    # Not in the default library: what the lookups find and POST /movie can add.
    ("Sinners", 2025, 1233413, "tt31193180", _WB, (_HOR, _ACT, _THR), 137, "R", "English", None),
    ("Mission: Impossible - The Final Reckoning", 2025, 575265, "tt9603208", _PAR, (_ACT, _ADV, _THR), 169, "PG-13", "English", None),
    ("Superman", 2025, 1061474, "tt5950044", "DC Studios", (_SF, _ADV, _ACT), 129, "PG-13", "English", None),
    ("F1", 2025, 911430, "tt16311594", "Apple Studios", (_ACT, _DRA), 156, "PG-13", "English", None),
    ("One Battle After Another", 2025, 1054867, "tt30144839", _WB, (_ACT, _THR, _CRI), 162, "R", "English", None),
    ("Weapons", 2025, 1078605, "tt26581740", _WB, (_HOR, _MYS), 128, "R", "English", None),
    ("The Substance", 2024, 933260, "tt17526714", "Mubi", (_HOR, _SF), 141, "R", "English", None),
    ("Anora", 2024, 1064213, "tt28607951", "Neon", (_DRA, _COM, _ROM), 139, "R", "English", None),
    ("The Brutalist", 2024, 549509, "tt8999762", _A24, (_DRA,), 215, "R", "English", None),
)
# fmt: on
MOVIES_IN_LIBRARY: Final = 150
UPCOMING_MOVIES: Final = frozenset({1368337, 1003596, 1170608})

# Words for the synthetic titles that fill a library past the real ones (benchmark sizes).
TITLE_ADJECTIVES: Final = (
    "Silent", "Crimson", "Hidden", "Last", "Broken", "Golden", "Midnight", "Distant", "Frozen", "Burning",
    "Hollow", "Iron", "Lost", "Northern", "Quiet", "Restless", "Scarlet", "Shattered", "Wandering", "Wild",
)  # fmt: skip
TITLE_NOUNS: Final = (
    "Harbor", "Empire", "Signal", "Orchard", "Frontier", "Tide", "Cartographer", "Lantern", "Reckoning", "Garden",
    "Station", "Kingdom", "Witness", "Voyage", "Meridian", "Archive", "Citadel", "Horizon", "Covenant", "Echo",
)  # fmt: skip
NETWORKS: Final = ("HBO", "Netflix", "Apple TV+", "Amazon", "FX", "BBC One", "AMC", "Hulu", "Disney+", "Showtime")
STUDIOS: Final = (_WB, _PAR, _UNI, _A24, "Lionsgate", "Focus Features", "Neon", "Legendary Pictures")
RELEASE_GROUPS: Final = ("FraMeSToR", "SPARKS", "AMIABLE", "NTb", "FLUX", "CiNEFiLE", "EDITH", "KOGi", "playWEB")
LANGUAGE_IDS: Final = {"English": 1, "French": 2, "Spanish": 3, "German": 4, "Italian": 5, "Japanese": 8, "Korean": 21}
