#!/usr/bin/env python3
"""Builds Strata's topical recall development set (messages.jsonl, questions.jsonl beside this file) from the
hand-written conversations below. Deterministic: running it again rewrites the two files byte-identically.

Every session is a block of lines "X: text" or "X#label: text", where X is the speaker's initial and label a stable key
that questions use for their evidence turns (so message ids stay right when a turn is inserted). Turn n of a session gets
the id "<session>-m<nnn>" and a time one or two minutes after the previous turn. All text is original, written for Strata."""
import json, os
from datetime import datetime, timedelta

HAYSTACKS = []  # (name, {initial: speaker}, [(date, title, block)], [(kind, question, [labels])])


def haystack(name, speakers, sessions, questions):
    HAYSTACKS.append((name, speakers, sessions, questions))


# ---------------------------------------------------------------- t01: Maya and Jonah, old friends from college
haystack("t01", {"M": "Maya", "J": "Jonah"}, [
("2023-02-11T19:05", "Saturday catch-up", """
M: Jo! Are you alive? I haven't heard from you in like three weeks.
J: Barely alive, haha. Work has been eating me. How are you, May?
M#museum_job: Honestly kind of fed up. I've been designing exhibits at the Harbor Museum for four years now and Gerald just cut the budget for the spring show again.
J: Again? Didn't he do that in the fall too?
M: Yep. I'm building a whole gallery about shipwrecks out of foam board and hope.
J: haha that is bleak
M: What's eating you, besides work?
J#canoe_start: Okay so don't laugh. I bought plans for a cedar-strip canoe and I'm building it in the garage. Sixteen feet. I cleared out all of Dad's old junk to fit the strongback.
M: Jonah. You can't even hang a shelf.
J: That's why it's a journey! There are videos. So many videos.
M: I fully support this and I want to be there when it sinks.
J: It will float. Probably by summer.
M#pottery_signup: Speaking of new hobbies, I signed up for a wheel-throwing class at the community arts center. Eight weeks. I've wanted to do it since forever.
J: Nice! You'll make me a mug.
M: You'll get the first lopsided one, promise.
J: Deal. I have to run, band practice at nine.
M: Say hi to the guys!
"""),
("2023-02-26T11:40", "New family member", """
M: Okay I have news and it has four legs.
J: NO. You did it?
M#biscuit_adopt: I did it. Yesterday I drove out to the greyhound rescue in Millbrook and came home with a retired racer. Her name is Biscuit. She's grey with one white paw.
J: Biscuit!! Send pictures immediately.
M: Sending. She mostly lies on the couch upside down like a dead bug.
J: That is the most greyhound thing I've ever seen.
M: The rescue lady said they're 45 mph couch potatoes. Accurate.
J: How's she with the apartment?
M: The stairs scare her a bit. We're working on it with treats.
J: Poor girl. She'll get there.
M: How was the show at the Anchor?
J#lowtides_gig: So good actually. The Low Tides played our longest set ever, eleven songs, and the bar owner asked us back for March.
M: Look at you, rock star.
J#jonah_bass: Ha, rock star who plays bass in a bar that smells like fryer oil.
M: Still counts.
J: How's the canoe, you ask? Great question. I've cut zero strips.
M: I didn't ask but okay.
J: haha fair
"""),
("2023-03-12T20:22", "Clay and weddings", """
J: So how was the first class? You went, right?
M#pottery_start: I did! It started this past Tuesday and it's every Tuesday evening, seven to nine. I spent the first hour getting clay on my eyebrows.
J: And the second hour?
M: I made a bowl. Kind of. It's more of a plate that wanted to be a bowl.
J: Ambitious plate.
M: The teacher, Rosalind, is amazing though. Very calm, very scary forearms.
J: haha
J#wedding_aug: Big family news here. My sister's getting married! Ines and Tomas set the date, August 12, at some farm in Vermont.
M: Oh that's wonderful! Tell her congrats from me. I still remember her crying at your graduation.
J: She cries at everything. She cried at a car commercial last week.
M: Will you be in it? The wedding party I mean.
J: Looks like I'm giving a toast. Which terrifies me more than the canoe.
M: You'll be fine. Just don't tell the story about the raccoon.
J: The raccoon story is my best material!
M: It is NOT wedding material.
J: How's the dead bug?
M: Biscuit is thriving. She's discovered the radiator and won't leave it.
J: Smart dog.
"""),
("2023-03-30T18:47", "Trips and interviews", """
J: Quick one before I pack, I'm flying out Monday.
M: Where to?
J#denver_trip: Denver, for work. We're rolling out the new warehouse scanning software at our distribution center there and they want someone from QA on the floor for a week.
M: Ooh. Bring a jacket, it snows there in April.
J: It does? I packed like it's Florida.
M: Repack, my friend.
M#interview1: Also, secret, don't tell anyone. I have an interview next Thursday at Halden & Price. The architecture firm downtown.
J: WHAT. May that's huge. What's the role?
M: Exhibition and interiors designer. They do libraries and museums, so it's kind of the same work but with an actual budget.
J: Gerald would cry.
M: Gerald would not notice for a month.
J: haha
M: How's the boat? Any actual wood involved yet?
J#canoe_strips: Actually yes! All the strips are cut and I've glued the first eight onto the forms. It's starting to look like a canoe and not a pile of sticks.
M: Proud of you.
J: Thank you. My garage smells amazing, like a pencil sharpener.
M: Good luck in Denver, text me if you see a moose.
J: I don't think Denver has moose, May.
M: Dream big.
"""),
("2023-04-18T21:03", "Back from the mountains", """
M: Welcome back! How was it?
J#denver_back: Exhausting. The rollout worked but the altitude wrecked me, I was out of breath climbing one flight of stairs. And yes, it snowed. Twice.
M: Told you.
J: You did tell me. I bought a jacket at the airport for an insane price.
M: Lesson learned.
J: How did the interview go? I've been dying to ask.
M#interview2: Really well I think. They called me back for a second one this Friday with the two partners. I have to bring a portfolio.
J: You'll crush it. Bring the whale exhibit, that thing was gorgeous.
M: That's the plan. The whale is my best child.
J: Besides Biscuit.
M: Besides Biscuit.
M#elm_first: Also, I went to an open house on Saturday. A little two-bedroom on Elm Street with a yard. Like, an actual yard, Jo.
J: For Biscuit!
M: For Biscuit. And a garage, which I know you'll try to fill with boats.
J: I would never. Okay I might.
M: It's a bit over my budget though. If the job comes through it might work.
J: Fingers crossed on both.
M: Same. Okay, bed, I have to get up early for a school group tour tomorrow.
J: Night!
"""),
("2023-05-09T19:31", "Ankles and offers", """
M: Why are you on crutches in your story?? What happened?
J#ankle: Sunday league. I went for a header, landed on a guy's foot, and rolled my ankle badly. It's a bad sprain, not broken, thank god.
M: Oh no! How long are you out?
J: Doctor said six weeks off the pitch, and no garage work for a bit because I can't stand long.
M: The canoe will wait for you.
J: It's very patient. It doesn't have a choice.
M#job_offer: Okay, so, good news to cheer you up. Halden & Price made me an offer!! I start on June 5.
J: MAYA! That's amazing! Congratulations!
M: I'm still in shock. It's a real raise too.
J: So the place on Elm?
M: I'm putting in an offer this week. Terrifying.
J: Everything is happening at once for you.
J#band_rename: Band news too. We had to change our name. Turns out there's another Low Tides in Portland with an actual record deal and their lawyer emailed us. So we're Paper Lanterns now.
M: Paper Lanterns is nice though! Softer.
J: Our drummer hates it. He wanted "Goose Fight".
M: haha no
J: That's what we all said.
M: Ice that ankle please.
J: Yes mom.
"""),
("2023-05-28T16:15", "Plans shifting", """
J: Ugh, wedding drama.
M: Your sister's thing? What happened?
J#wedding_sep: The barn they booked in Vermont flooded in the spring storms and can't reopen until the fall. So it's moved to September 30. Same place, just later.
M: Oh no, poor Ines. Is she okay?
J: She cried, obviously. Then she was relieved because it'll be cooler.
M: Silver lining. Foliage too, that'll be gorgeous.
J: That's what Tomas keeps saying.
M#notice: I gave my notice at the museum on Monday. Gerald said "huh" and went back to his email.
J: HUH. After four years.
M: After four years. I'm choosing to find it funny.
M#elm_accepted: And, the bigger news: they accepted my offer on Elm! Closing is in early July.
J: A homeowner! You're a real adult now.
M: I have a mortgage pre-approval letter framed in my head.
J: Biscuit's getting a yard.
M: She doesn't know yet. She's asleep on my feet.
J: Don't tell her, let it be a surprise.
M: How's the foot?
J: Walking in a boot now. Slowly.
"""),
("2023-06-20T20:40", "First weeks", """
J: So how's the fancy new job?
M#hp_project: So good. My first project is the renovation of the Ashford public library, the children's wing. I'm designing reading nooks shaped like tree hollows.
J: That's adorable. Kid me would've lived in there.
M: Kid you would've eaten the glue.
J: Fair.
M: The people are kind too. Nobody sighs when you ask a question.
J: Gerald could never.
M: What are you up to tonight?
J#fiberglass: Fiberglassing the hull! Boot's off, so I'm back in the garage. Epoxy everywhere. I've glued my sleeve to the boat twice.
M: Please wear a respirator.
J: I do, I look like a bug.
M: How's physio going?
J#physio: Slowly. Twice a week at a clinic on Fifth. The physio has me doing balance stuff on a wobbly disc and I fall over every time.
M: Sounds fun to watch.
J: My dignity is gone.
M: Biscuit says hi, she's upside down again.
J: Of course she is.
"""),
("2023-07-16T10:12", "Settling in", """
J: How's the new house? Sorry again I couldn't carry boxes.
M#moved: You had a bad ankle, it's fine. We moved in on the 8th, my cousins did the heavy lifting. Biscuit ran three laps of the yard and then slept for six hours.
J: The zoomies!
M: The zoomies. Then the collapse.
J: Any surprises with the house?
M#surprise: The kitchen faucet drips and the neighbour's rooster starts at 5am. Nobody mentioned a rooster.
J: A rooster in town?? That's amazing.
M: It is not amazing at 5am.
M#teapot: Pottery update: I finished the eight weeks and signed up for the next term. I made a teapot! The spout is crooked but it pours.
J: A teapot is advanced, right?
M: Rosalind said it was "brave". I'm taking it as a compliment.
J: Next is the mug for me.
M: It's coming, I swear.
J#montreal_plan: I've got another work trip coming, Montreal in the first week of August. Same rollout as Denver, different warehouse.
M: Ooh, eat all the bagels.
J: That's my only goal honestly.
M: And the canoe?
J: Almost ready. Varnish coats now.
"""),
("2023-08-13T19:55", "Maiden voyage", """
M: Okay tell me everything. Did it float??
J#canoe_launch: IT FLOATS. We launched it on Lake Wren last Sunday. I paddled all the way to the island and back and nothing leaked.
M: JONAH. I'm so proud.
J: I almost cried. Okay I cried a little.
M: Did you name her?
J#canoe_name: I named her Second Wind. Because of the ankle and everything.
M: That's perfect. I love that.
M: How was Montreal?
J#montreal_back: Great, except it rained every single day. I ate bagels from both famous places and I have opinions. The warehouse rollout went smoother than Denver too.
M: Which bagel won?
J: I'm not getting into that. People have been hurt.
M: haha
M#trip_plan: I'm trying to plan a real holiday in October, my first one at the new job. I'm torn between Oaxaca and Lisbon.
J: Both sound amazing. What's pulling you each way?
M: Oaxaca for the food and the textiles, Lisbon because it's easier and I've got a friend there.
J: I vote Oaxaca. You've talked about the weaving for years.
M: You're not wrong.
J: Bring me back something!
"""),
("2023-09-10T17:20", "Toast rehearsal", """
J: Can I practice my toast on you?
M: Please. No raccoon.
J: ...there's a small raccoon.
M: Jonah.
J: It's a sweet raccoon! It's about her being brave!
M: Okay fine, read it.
J#toast: "When Ines was seven she walked into the woods with a flashlight to rescue a raccoon she thought was lost. She's been walking toward things other people run from ever since, and Tomas is the luckiest man alive."
M: Okay... that's actually lovely. I take it back.
J: Thank you!! I've rewritten it nine times.
M: It shows. She'll sob.
J: She sobs at commercials, the bar is low.
J: Did you book your trip?
M: Not yet. Flights keep jumping around. I'll decide this week.
M#biscuit_bed: Biscuit destroyed her new bed though. The expensive orthopedic one. Stuffing everywhere.
J: That's a greyhound review if I've ever seen one.
M: One star. Would shred again.
J: haha
J: Three weeks until the wedding, I'm nervous.
M: You'll be perfect.
"""),
("2023-10-08T12:30", "After the wedding", """
M: How was the wedding?! I saw pictures, Ines looked unreal.
J#wedding_recap: It was beautiful. It poured rain all morning and then cleared right before the ceremony, and the leaves were all orange. Exactly like you said.
M: And the toast?
J#toast_went: Nailed it. Ines cried, Tomas cried, my grandma asked for a copy. Even the raccoon part got a laugh.
M: I told you.
J: You told me to cut the raccoon!
M: Details.
J: So where did you end up going? Did you finally book something?
M#trip_booked: Oaxaca! Leaving on the 20th for ten days. I booked a weaving workshop in Teotitlán.
J: YES. Told you.
M: You did. Now I'm nervous about my Spanish.
J: You'll be fine, just point and smile.
M: That's my strategy for most things.
J: Who's watching Biscuit?
M#sitter: My neighbour's daughter, Talia. She's fifteen and obsessed with Biscuit. She'll probably just move in.
J: Perfect setup.
M: The rooster family. Turns out they're very nice.
J: Redemption for the rooster.
"""),
("2023-11-05T15:05", "Home again", """
J: You're back! How was Oaxaca?
M#oaxaca_back: Magical. I ate mole negro every day and made a tiny rug at the workshop, blue and rust coloured. It's on my hallway wall now.
J: You made a rug?? With your hands?
M: With my hands and a very patient weaver named Don Aurelio.
J: That's incredible.
M: I brought you mezcal, don't drink it all at once.
J: No promises.
J#ep: Paper Lanterns is recording an EP! Five songs, we're calling it Quiet Harbour. We start at a studio in Riverside next weekend.
M: Jo! That's real band stuff!
J: It's very real and very expensive, we're splitting it four ways.
M: I want a signed copy.
J#promotion: Also, work. They made me QA team lead after the two rollouts. I'm managing three people now.
M: Congratulations!! Look at you, boss man.
J: It's mostly meetings. So many meetings.
M: Welcome to management.
J: How's Biscuit after the sitter?
M: Sulked for a day because Talia wasn't there anymore. Then forgave me.
J: Dogs are so dramatic.
"""),
("2023-12-02T18:50", "Winter plans", """
M: What are you doing for the holidays?
J#holidays: Going up to Ines and Tomas's new place in Burlington for Christmas. First time she's hosting, she's very stressed.
M: Is she cooking?
J: Tomas is cooking. She's stressed anyway.
M: haha classic
M#market: I had a table at the arts center's holiday market last weekend. I sold twenty-two mugs! Actual strangers paid for my mugs.
J: That's amazing! Did I ever get my mug?
M: ...it's in the box with your Christmas present.
J: FINALLY.
J#canoe_winter: Random question, can Second Wind stay in your garage for the winter? Mine is going to be full of Dad's stuff again after he clears out his storage unit.
M: Of course. Biscuit will guard it.
J: Biscuit will sleep next to it.
M: Same thing.
J: The EP is mixed, by the way. We're releasing it in January.
M: I'll be first in line.
M: Biscuit's birthday is next week too, she turns five. I got her a squeaky hedgehog.
J: Happy birthday to the dead bug.
M: She'll love that you called her that.
"""),
], [
("single", "What is the name of the dog Maya brought home from the rescue?", ["biscuit_adopt"]),
("single", "What kind of boat is Jonah making?", ["canoe_start"]),
("single", "Which instrument does Jonah play in his band?", ["jonah_bass"]),
("single", "What injury did Jonah get playing football on a Sunday?", ["ankle"]),
("single", "What is the first project Maya worked on at the architecture firm?", ["hp_project"]),
("single", "What did Maya make at the workshop on her holiday in Mexico?", ["oaxaca_back"]),
("single", "How many mugs did Maya sell at the holiday market?", ["market"]),
("speaker", "What did Jonah say about his physiotherapy appointments?", ["physio"]),
("speaker", "What did Maya say she found surprising about the house after moving in?", ["surprise"]),
("speaker", "What did Jonah ask Maya to store for him over the winter?", ["canoe_winter"]),
("speaker", "Who did Maya say would look after her dog while she travelled?", ["sitter"]),
("temporal", "When did Maya start her pottery class?", ["pottery_start"]),
("temporal", "When did Maya move into her new house?", ["moved"]),
("temporal", "When did Jonah first put his canoe in the water?", ["canoe_launch"]),
("temporal", "When did Maya adopt her greyhound?", ["biscuit_adopt"]),
("multi", "Which two cities did Jonah travel to for the warehouse software rollouts?", ["denver_trip", "montreal_plan"]),
("multi", "What were the two destinations Maya considered for her October holiday, and which did she choose?", ["trip_plan", "trip_booked"]),
("multi", "How did the weather behave on Jonah's two work trips?", ["denver_back", "montreal_back"]),
("changing", "What is the current name of Jonah's band?", ["band_rename"]),
("changing", "On what date did Jonah's sister's wedding finally take place?", ["wedding_sep"]),
("changing", "Where does Maya work now?", ["job_offer"]),
("changing", "What is Jonah's current role at his job?", ["promotion"]),
("changing", "Why was Ines's wedding moved, and from which date to which?", ["wedding_aug", "wedding_sep"]),
("context", "Where did Maya end up going on her trip?", ["trip_booked"]),
("context", "How did Jonah's toast go at the wedding?", ["toast_went"]),
("context", "What did Jonah name his boat?", ["canoe_name"]),
("single", "What will Paper Lanterns call their first recording?", ["ep"]),
]
)

# ---------------------------------------------------------------- t02: Priya and Dev, sister and brother
haystack("t02", {"P": "Priya", "D": "Dev"}, [
("2023-04-02T20:10", "Amma's birthday", """
P: Devu, we need to talk about Amma's birthday. She turns sixty in June and we have done zero planning.
D: I know, I know. I've been thinking about it. Sort of.
P: Thinking doesn't count.
D: Okay, what are you picturing?
P#party_plan: A dinner at the Saffron Room on Saturday June 17. They have that back room that seats forty. I already called and they're holding it.
D: Amma loves that place. She'll pretend she's annoyed we spent money.
P: Exactly the reaction I'm going for.
D: I can do a cake. Or bread. Something with flour.
P: A cake, please. Not a loaf with a candle in it.
D: haha no promises
D#market_plan: Speaking of flour, I got a spot at the Greenfield farmers market! Saturdays, starting in May. I'm going to sell my sourdough.
P: Wait, really? You're doing it?
D: I'm doing it. I quit overthinking. Mostly.
P: I'm proud of you, little bro. What's the stall called?
D#stall_name: Dev's Daily Loaf. Don't laugh.
P: I'm not laughing. I'm smiling aggressively.
P#course_stress: Meanwhile my statistics module is killing me. Working full time and doing a master's at night was a choice.
D: A brave choice.
P: A dumb choice. Ask me again in a year.
"""),
("2023-04-20T21:35", "Vet visit", """
P: Mango threw up three times today. I'm taking her to the vet tomorrow morning.
D: Oh no. Is she eating?
P: Barely. And she's drinking a ton of water, which the internet says is bad.
D: Stop googling, didi.
P: I can't stop googling.
P#vet_bloods: The vet wants to run bloodwork because she's eleven now. Results take a couple of weeks.
D: Keep me posted. Give her a scratch from me.
P: She'll bite you from a distance.
D: That's our bond.
D#starter: Unrelated, but my starter is thriving. I've named him Big Kev. He's doubled in three hours.
P: Why Kev.
D: He looks like a Kev. Bubbly, unreliable, loud.
P: haha
P#thesis_flood: I also have to pick a thesis topic by June. I'm thinking flood prediction for the river towns, using rain gauge data.
D: That sounds very serious and very you.
P: My supervisor, Dr. Haines, seems into it. He said "ambitious" which I think is a warning.
D: Ambitious is always a warning.
P: Anyway. Bed. Mango is sitting on my laptop.
"""),
("2023-05-07T14:02", "Market day", """
P: So?? How was the first market?
D#market_first: Sold out by eleven! Forty loaves and twenty focaccias. I had to put up a little sign that said "sorry, Big Kev is tired".
P: DEV. That's incredible.
D: I was up at 3am shaping dough. I'm dead. But happy dead.
P: Did Amma come?
D: She came, told everyone I'm her son, and took six loaves for free.
P: Of course she did.
D: How's Mango? Did the results come back?
P#mango_kidney: Yeah. Early kidney disease. Not an emergency, but she has to go on a special renal diet and we re-test her every three months.
D: Oh Pri, I'm sorry. Is she in pain?
P: The vet says no. She's just a grumpy old lady who now eats very expensive food.
D: The grumpy old lady lifestyle.
P: Exactly.
P: Also guest list. I'm at thirty-four for the party. Do we invite Ravi uncle?
D: If we don't he'll hear about it and be offended for a decade.
P: Inviting him.
D: Wise.
"""),
("2023-05-25T19:44", "Change of venue", """
P: Bad news. The Saffron Room is closing for a renovation all of June. They only told me today.
D: What?? Three weeks before?
P: Three weeks before. I was so mad I almost cried in a parking lot.
D: Okay, okay. Breathe. What are our options?
P#party_moved: Lakshmi aunty offered her backyard. Same date, the 17th, we'd just get caterers and fairy lights. Honestly it might be nicer.
D: That's actually great. Amma will feel at home there.
P: And we don't have a forty-person cap anymore, which is good because I'm at thirty-nine.
D: Ravi uncle is bringing two cousins I've never met, isn't he.
P: He is.
D#half_signup: Okay, random, but I signed up for the Harbourfront Half in October. My first half marathon.
P: You?? You took a taxi to the gym once.
D#lena_runs: People change! Lena runs, she talked me into it.
P: I love Lena.
P#car_noise: Also my car is making a sound like a dying goose when I brake.
D: The Corolla is fifteen years old, Pri. It's going to die.
P: Don't say that, she can hear you.
D: Get it checked before it leaves you on the highway.
P: Yes yes.
"""),
("2023-06-19T10:20", "After the party", """
D: That was the best party. I'm still tired.
P#party_recap: Me too. Did you see Amma during the slideshow? She cried when the picture from her wedding came up. Appa pretended he had something in his eye.
D: He definitely cried.
P: He definitely cried.
D: Everyone ate the cake, by the way. The whole cake.
P#cake_flavour: It was a real cake! Cardamom and pistachio. I'm impressed.
D: I can do things that aren't bread.
P#appa_knee: On a less happy note, Appa told me his knee has gotten a lot worse. He's having a knee replacement on August 22.
D: He told you and not me?
P: He told me because I'm the one who asks. He didn't want to worry you before the market.
D: Okay. I'll call him.
P: Please do.
P#car_died: AND the goose won. My car died on the highway on the way home from the party. It got towed. The mechanic says the transmission is done.
D: I told you!
P: You did. You can be smug for one day.
D: Just one?
P: One.
"""),
("2023-07-09T16:30", "New wheels", """
P#new_car: Meet my new car! A used Honda Fit, bright blue, sixty thousand miles. I've named it Blueberry.
D: Cute! Better than the goose.
P: Much better. It has a backup camera. I feel like I'm driving a spaceship.
D: Your old one had a tape deck.
P: RIP Corolla.
P#thesis_switch: Thesis update, I had to change my topic. The flood data I wanted turns out to be locked behind a government agreement. So now I'm modelling bike-share demand in the city instead.
D: That's kind of a big jump.
P: It is, but the bike data is public and huge and Dr. Haines is happy.
D: Bikes are more fun than floods.
P: Less tragic, for sure.
D#long_run: I ran ten miles this morning. Ten! I had to sit on a bench for twenty minutes after.
P: Who are you.
D: A runner now, apparently. My knees are confused.
P: Don't end up like Appa.
D: haha too soon
"""),
("2023-07-30T13:15", "Moving in", """
D#lena_movein: So Lena's moving in with me next weekend. Her lease is up and it just made sense.
P: Devu! That's big! Are you ready?
D: I've cleared two drawers and half a closet. That's readiness.
P: Does she know about Big Kev living in the fridge?
D: She's met Big Kev. She respects him.
P: Love that for you both.
D: How's Mango doing on the new food?
P#mango_food: She hated the first brand, just stared at me like I'd betrayed her. The second one, the salmon one, she actually eats. She's gained a bit of weight back.
D: Good girl.
P: She's not a good girl. But she's eating.
D#shop_idea: I'm also thinking about a shop. Like, a real one. The market's going so well that I'm turning people away by ten.
P: That's a big step. Can you afford it?
D: Not sure yet. I'm talking to the bank on Tuesday.
P: I'll look at your numbers if you want. Data science skills!
D: That would actually help, thanks.
"""),
("2023-08-24T19:05", "Surgery week", """
P: Did you see Appa today?
D#surgery_done: Yeah, I went this afternoon. The surgery on Tuesday went well, the surgeon said the new knee is "textbook". He's already complaining about the hospital food.
P: That's a good sign.
D: He asked me to smuggle in dosa.
P: Did you?
D: Obviously.
P#visit_rota: I made a rota so Amma isn't doing everything. I'll take Mondays and Thursdays, you take Wednesdays and Saturdays after the market, Lakshmi aunty takes weekends.
D: Works for me.
P: He starts physio at home next week. He's going to hate it.
D: He'll hate it out loud, too.
P#exam_result: Small win on my side: I passed the stats module! With a distinction, actually.
D: Didi! Told you you'd survive.
P: Barely. I mostly survived on instant noodles.
D: The scholar's diet.
"""),
("2023-09-14T20:50", "A lease", """
D#shop_lease: I'm signing a lease. A tiny shop on Mill Lane, old shoe repair place, with a back room big enough for a deck oven. The bank said yes!
P: DEV! That's amazing!!
D: I'm so nervous I'm nauseous.
P: That's normal. When do you open?
D: Hopefully early November. I need to get the oven installed and pass inspection.
P: I'm so proud of you. Amma will tell the entire temple.
D: She already told the entire temple. Before I signed.
P: haha of course
D: How's Appa?
P#appa_cane: Walking with a cane now, and doing laps of the hallway. He timed himself and is trying to beat his record.
D: That's so him.
P#proposal: I present my thesis proposal on Friday to the committee. Bike-share demand with weather and events. I'm terrified.
D: You know this stuff. Just talk like you talk to me about it.
P: I talk to you about it while you nod and check your phone.
D: That's not true. Okay, it's partly true.
"""),
("2023-10-15T18:25", "Race day", """
P: Well?? How did it go?
D#half_time: One fifty-two! One hour fifty-two minutes. I wanted under two hours and I did it.
P: DEVU!! That's amazing!
D: My legs don't work. I walked down the stairs backwards.
P: Did Lena run too?
D: She did, she finished in one forty. She waited at the finish with a banana.
P: Love of your life.
D: Love of my life and my banana.
D: How did your proposal thing go?
P#proposal_went: Approved with minor changes. The committee wants me to add holidays to the model. Dr. Haines said it was one of the clearest presentations this year.
D: Told you.
P: You did. I'm letting you have that one.
P#mango_weight: And Mango's checkup was good. Her kidney numbers are stable and she's back up to four kilos.
D: Chonky queen.
P: Don't call her that, she can read.
"""),
("2023-11-12T11:00", "Grand opening", """
P: I can't believe how many people came to the opening.
D#shop_open: Neither can I. We opened on the fourth at eight and there was a line down Mill Lane by seven thirty. We were out of croissants by nine.
P: Croissants?! You do croissants now?
D: Lena's idea. Lamination is a nightmare but people love them.
P#shop_name: And the new name looked great on the window. Rise on Mill. Way better than Dev's Daily Loaf.
D: Lena picked that too. She's the brains.
P: She's the brains, you're the Big Kev.
D: I'll take it.
D: How's Blueberry?
P#blueberry_tyres: Needed new tyres already. The guy said whoever owned it before must have driven on curbs.
D: Classic used car.
P: Still love her though.
D#appa_golf: Appa went back to the driving range yesterday! Don't tell Amma, she thinks he went to the library.
P: Oh my god. Is he allowed?
D: The physio said light swings are fine. He's hitting balls very gently and yelling at them.
P: Sounds right.
"""),
("2023-12-10T15:40", "December", """
P: Who's hosting Christmas this year? Amma is hinting hard.
D: Not me, the shop is open Christmas Eve until two.
P#christmas_host: Fine, I'll do it. Lunch at my place on the 25th. You bring bread, obviously.
D: Obviously. I'll bring a stollen too, we're testing one.
P: Fancy.
D#hire: I hired my first employee! Marisol, she used to work at a bakery in Valencia. She starts Tuesday and she's better at shaping than me.
P: That's a big step too. You're a boss.
D: It's terrifying being responsible for someone's paycheck.
P: You'll be fine. Just pay her on time.
D: That's the plan.
P#thesis_draft: I sent Dr. Haines my first full draft. Sixty-one pages. He sent back forty comments in two days.
D: Forty?!
P: Mostly about my charts. Apparently my colours are "hostile".
D: haha what does that mean
P: It means I used red and green. It's fair.
"""),
("2024-01-07T19:30", "New year", """
D: Okay so I have news.
P: Is it Big Kev? Did he die?
D: Big Kev is immortal. No.
D#engaged: Lena and I got engaged! I asked her on New Year's Eve at midnight on the pier. She said yes before I finished the sentence.
P: DEV!!!! OH MY GOD! Congratulations!
D: Amma screamed so loud on the phone the neighbours checked on her.
P: I can imagine. Have you set a date?
D: Not yet, probably next autumn. After the shop's first year.
P: I'm so happy for you, Devu. Tell Lena welcome to the chaos.
D: She already knows the chaos.
P#kerala_trip: Also, I'm going to Kerala in March! Ammamma turns ninety and the whole family is going. Appa says his knee can handle the flight.
D: I wish I could come, but I can't leave the shop for two weeks.
P: I'll take lots of pictures. And bring back banana chips.
D: Bring back ten bags.
P#mango_jan: Mango says congratulations, by the way. She's sitting on the engagement photo on my phone.
D: Tell her thank you.
"""),
], [
("single", "What does Dev sell at the Saturday market?", ["market_plan"]),
("single", "What health problem was Priya's cat diagnosed with?", ["mango_kidney"]),
("single", "What did Priya name the car she bought secondhand?", ["new_car"]),
("single", "Who did Dev take on as his first staff member?", ["hire"]),
("single", "What flavour was the cake Dev made for their mother's sixtieth?", ["cake_flavour"]),
("single", "What is the name of Dev's sourdough starter?", ["starter"]),
("speaker", "What did Priya say happened with her old Corolla after the party?", ["car_died"]),
("speaker", "What did Dev say about his father going to the driving range?", ["appa_golf"]),
("speaker", "What schedule did Priya set up for visiting their father after his operation?", ["visit_rota"]),
("speaker", "What did Priya say about her father's recovery in September?", ["appa_cane"]),
("temporal", "When was their father's knee operation?", ["appa_knee", "surgery_done"]),
("temporal", "When did Dev's shop first open its doors?", ["shop_open"]),
("temporal", "When did Dev propose to Lena?", ["engaged"]),
("temporal", "When is Priya travelling to India for her grandmother's birthday?", ["kerala_trip"]),
("multi", "What two big steps did Dev and Lena take together as a couple?", ["lena_movein", "engaged"]),
("multi", "How did Priya's cat get on after her diagnosis, with the food and at her checkup?", ["mango_food", "mango_weight"]),
("multi", "What results did Priya get at university in her course, first on the statistics exam and then on her thesis proposal?", ["exam_result", "proposal_went"]),
("changing", "Where was the party for their mother's sixtieth finally held?", ["party_moved"]),
("changing", "What is the topic of Priya's thesis?", ["thesis_switch"]),
("changing", "What is Dev's bakery called now?", ["shop_name"]),
("changing", "Why did Priya change her thesis topic, and what was it before?", ["thesis_flood", "thesis_switch"]),
("changing", "Where does Dev sell his bread now?", ["shop_open"]),
("context", "What time did Dev get in his first half marathon?", ["half_time"]),
("context", "How did Priya's thesis proposal presentation go?", ["proposal_went"]),
("context", "What happened on Dev's first day at the farmers market?", ["market_first"]),
("speaker", "Who did Dev say talked him into running?", ["lena_runs"]),
("single", "What kind of place was Dev's shop before he leased it?", ["shop_lease"]),
]
)

# ---------------------------------------------------------------- t03: Sam and Lucia, teachers at the same school
haystack("t03", {"S": "Sam", "L": "Lucia"}, [
("2023-08-27T18:30", "End of summer", """
S: One week of freedom left. How are you feeling, Lu?
L: Like someone stole August. How is it already over?
S: It's a crime. I'm reporting it.
S#robotics_kits: On the bright side, the robotics club kits finally arrived. Twelve boxes in my classroom. The caretaker was not thrilled.
L: Ooh, the new ones you begged the PTA for?
S: The very same. Motors, sensors, a little arm that can grab things. I'm more excited than the kids will be.
L: You're always more excited than the kids.
S: Fair.
L#tomatoes: I have the opposite problem. My allotment has exploded. I've picked something like twenty kilos of tomatoes this month and my freezer is full of sauce.
S: Bring some in on Monday! The staff room will riot.
L: That's the plan. I'm also giving jars to everyone in my building.
S: What else is growing up there?
L: Courgettes the size of baseball bats. And the garlic did well, I'll plant more in October.
S: You're basically a farmer now.
L: Plot fourteen, best on the site. Don't tell Mr. Harris on plot twelve I said that.
S: Your secret is safe.
"""),
("2023-09-12T16:45", "First week back", """
L: How was your first week? Mine was chaos. Year nine have grown a foot each.
S: Same. One of them is taller than me now. Rude.
L: haha
S#italian_app: Okay, I have a confession. I started learning Italian. On an app. I'm on a 12-day streak.
L: Whitfield! Why didn't you tell me? I'm literally Italian!
S: I wanted to surprise you. Also I'm bad at it.
L: Say something.
S: "La mela è rossa." The apple is red.
L: Very useful. You'll survive anywhere.
S: My pronunciation is apparently a crime too.
L: I'll help you. Half my family doesn't speak English, you can practice on them.
S#rosie_swim: Rosie started swimming lessons on Saturday morning. She refused to put her face in the water for the whole half hour.
L: Bless her. How old is she now?
S#rosie_feet: Seven in November. She says the water "tastes like feet".
L: To be fair, the leisure centre pool does.
S: Not wrong.
"""),
("2023-09-28T19:20", "Big ideas", """
L#ashcombe_idea: Can I ask you something in confidence? There's a head of science job at Ashcombe Academy and I'm thinking about applying.
S: Oh! Lu, you'd be great at that. Why the confidence though?
L: Because I like it here, and I don't want anyone thinking I'm unhappy. I just want to run a department.
S: That's totally fair. Apply.
L: I'm going to. The deadline is mid-October.
S: I'll read your letter if you want.
L: Yes please, you're good at sounding humble.
S#club_signups: Robotics had its first meeting today. Eleven kids signed up, including two from year seven who already know more code than me.
L: That's a great turnout!
S: It's great and humbling.
S: And... I bought a van.
L: You what.
S#van_model: An old Ford Transit. White, some rust, ninety thousand miles. I'm going to convert it into a little camper for family trips.
L: Does your wife know?
S: She picked it out! She's the one who wants to sleep by lakes.
L: Okay then. I approve.
"""),
("2023-10-19T21:05", "Bad news from home", """
L: Sorry I left early today. I had a call from my mum.
S: Is everything okay?
L#nonna_fall: Not really. My nonna fell in her kitchen in Palermo and broke her hip. She had surgery yesterday.
S: Oh no, Lu. I'm so sorry. How is she?
L: Tough as nails, but she's ninety-one. My mum's already there.
S: Are you going to go?
L#flight_palermo: I'm flying out on the 28th, the first Saturday of half-term. I'll have a week there.
S: Good. Don't worry about anything at school, I'll cover your club.
L: Thank you. Seriously.
S: Of course. Did you send the Ashcombe application?
L: Last night, before all this. Feels a bit far away now.
S#italian_class: Also, small thing to distract you, I've signed up for an evening Italian class. Thursdays at the college, seven o'clock.
L: Look at you! Moving beyond the apple.
S: The apple is behind me. We're doing restaurants next week.
L: Order me something nice.
"""),
("2023-11-09T17:55", "Back again", """
S: Welcome back. How's your nonna?
L#nonna_recovering: Better. She's walking a little with a frame and yelling at the physio in Sicilian, which is a good sign. She's moving in with my aunt Carmela for now.
S: Yelling is always a good sign.
L: She also tried to feed me eight times a day. I gained two kilos in a week.
S: The classic nonna move.
L: I had to buy a bigger belt to come home.
L#ashcombe_interview: And I got an interview at Ashcombe! It's next Wednesday. A lesson with year ten, then a panel.
S: Lu! That's fantastic.
L: I'm terrified. What if the year tens set something on fire?
S: Then you put it out calmly and they hire you on the spot.
L: haha
S#van_insulation: I spent all weekend insulating the van. Sheep's wool, it's supposed to be eco. The whole driveway smells like a farm.
L: Sheep's wool?! Is that a real thing?
S: It's a real thing. My neighbour thinks I'm keeping animals in there.
L: Are you?
S: Not yet.
"""),
("2023-11-30T16:10", "News all round", """
S: So? How did it go in the end? You've been quiet about it.
L#ashcombe_no: They gave it to an internal candidate. Which I kind of expected. They said my lesson was the best of the day, for what it's worth.
S: Ugh, I'm sorry. Their loss, honestly.
L: It's fine. I learned a lot. And now I know I can do it.
S: That's the spirit.
S#okonjo_retire: Did you hear? Mrs. Okonjo is retiring at Christmas. She told the staff meeting this morning, you missed it.
L: What?! After twenty years?
S#okonjo_why: Twenty-two. She said she wants to spend time with her grandkids and her roses.
L: That's the end of an era. Who's replacing her?
S: Nobody knows yet. Rumours say someone from outside.
L: Oh dear.
S#rosie_10m: Happier news: Rosie swam ten metres on her own on Saturday! Face in the water and everything.
L: YES ROSIE! From "tastes like feet" to ten metres!
S: She made me put the certificate on the fridge. It's the only thing on the fridge.
L: As it should be.
"""),
("2023-12-17T14:25", "End of term", """
L: That leaving do was lovely. I cried at Okonjo's speech.
S: Everyone cried. Even the caretaker, I saw it.
L: He says it was the dust.
S: Sure it was.
S#ziggy: The robotics kids finished the robot just before the break! They named it Ziggy. It can pick up blocks and stack them, mostly.
L: Mostly?
S: About sixty percent of the time. The other forty it throws them at the wall.
L: Very relatable.
S#qualifier_feb: The regional qualifier is February 10 at the university. We need to get that up to at least eighty percent.
L: You'll get there. You and your year sevens.
L#flat_plan: Big news from me, I found a new flat! One bedroom by the canal, top floor, with a little balcony. I'm moving in January.
S: Lu, that's great! No more housemates stealing your pesto.
L: No more housemates full stop. I might cry.
S: Need help moving? I have a van now. An insulated one.
L: You know what, yes. Does it smell of sheep?
S: Only a little.
"""),
("2024-01-14T19:40", "New term, new head", """
L: So what do you think of Pratt?
S#pratt_start: He seems... fine? Very big on data. He started on Monday and already asked every department for a spreadsheet of targets.
L: Oh no. Spreadsheets.
S: So many spreadsheets.
L: He was nice to me in the corridor though.
S: He's nice to everyone in the corridor. It's the spreadsheets you have to watch.
S: How's the new place? Was the move okay?
L#moved_canal: Perfect, thanks to you and your sheep van. I've been in since the 6th. I wake up and watch the narrowboats go past with my coffee.
S: That sounds dreamy.
L#heron: There's a heron that stands on the lock every morning. I've named him Professor.
S: Of course you have.
S#van_bed: The van has a bed now! I built a platform that folds up into a bench. Rosie has declared it her castle.
L: Where do you sleep then?
S: Apparently on the floor of my own castle.
L: haha
"""),
("2024-02-04T10:15", "Snowed in", """
S: Are you snowed in too?
L: Completely. The canal is frozen. Professor the heron looks furious.
S: haha poor Professor
S#qualifier_moved: Bad news for robotics: the university cancelled the qualifier because of the snow forecast. It's moved to March 2.
L: Oh no! The kids must be gutted.
S: Half gutted, half relieved. Ziggy's arm is still throwing blocks.
L: More time for Ziggy then.
L#bees_order: On a more cheerful note, I ordered bees! A small colony for the allotment. They arrive in May.
S: Bees?! Are you allowed?
L: The allotment society said yes as long as I do the beginners' course. I start next Sunday.
S: Lu, you're going to become one of those people with a veil and a smoker.
L: That's the dream.
S#italian_test: I had my first little test in the Italian class. I got 78 percent. The teacher said my verbs are "creative".
L: "Creative" is what I say to kids who are wrong.
S: I know. I know.
L: Still, 78! Brava. Well, bravo.
"""),
("2024-03-05T17:35", "Third place", """
L: How did Saturday go? Tell me everything.
S#qualifier_result: Third place out of fourteen teams! Ziggy stacked all five blocks in the final round. The kids screamed so loud a judge covered her ears.
L: SAM! That's fantastic!
S: And third means we go through to the regional final in May.
L: I'm so proud of them. And of you.
S: I nearly cried on the minibus.
L#head_of_science: I have news too. Dunn is moving to Wales in April, and Pratt asked me to take over as head of science here. I said yes!
S: Lu!!! That's the job you wanted, without changing schools!
L: I know! I keep thinking about the Ashcombe thing, it all worked out.
S: It did. When do you start?
L: After Easter. I'm already making a list of things to fix.
S: Please don't give us spreadsheets.
L: One small spreadsheet.
S: Noooo
"""),
("2024-04-07T20:00", "Easter holidays", """
L: How was the first van trip?!
S#van_trip: Wonderful and freezing. Three nights in the Peak District. The heater worked, Rosie slept in her castle, and we woke up to sheep staring in the window.
L: The sheep came to see their wool!
S: haha that's exactly what Rosie said.
L: Any disasters?
S: The sink leaked into my shoes. Minor.
S#rosie_25m: And Rosie got her 25-metre badge right before the holidays. She swam a whole length of the big pool.
L: No way! She's unstoppable.
S: She wants to do the diving board next. I am not ready.
L: What's it like being head of science, you ask?
S: I was about to ask! How's it feel?
L#first_week_head: Well, I start properly tomorrow, but I've already had nine emails from Pratt. And I've inherited a storeroom full of broken Bunsen burners from 1997.
S: Retro.
L: Vintage, even.
S: You'll whip it into shape.
L: With a small spreadsheet.
"""),
("2024-05-12T15:20", "Bees and plans", """
L#bees_arrived: The bees arrived yesterday! I drove them from the supplier with the box on the passenger seat and talked to them the whole way.
S: What did you talk about?
L: Mostly I said "please don't escape" over and over.
S: Reasonable.
L: They're settled in the hive now. I've got my veil. I look like a beekeeping ghost.
S#sicily_plan: We've decided on the summer holiday. Sicily! Three weeks in August. Can you tell us where to go?
L#sicily_recs: Oh my god, yes. You have to go to Palermo for the markets, then Cefalù for the beach, and Nonna will insist you eat with her.
S: Can I practice my Italian on her?
L: She will correct every word and then feed you. Both lovingly.
S: That sounds perfect.
S#regional_date: Regional final is next Saturday, the 18th. Ziggy has a new gripper, three kids stayed late every night.
L: I'll come cheer! Can I bring a sign?
S: Please bring a sign.
L: "ZIGGY STACKS". In giant letters.
S: Perfect.
"""),
("2024-06-09T18:45", "Before summer", """
S: Thanks for coming to the final, the kids loved your sign.
L#regional_result: They were brilliant! Fifth place in the whole region isn't nothing. And Ziggy didn't throw a single block.
S: Not one. I've never been so proud of a bucket of motors.
L: Are you doing it again next year?
S: Already planning. The year sevens want to build a robot that makes toast.
L: Priorities.
S#italian_exam: Also, I passed my A2 Italian exam! The oral was with a woman from Naples who talked at a hundred miles an hour.
L: Sam! Complimenti! You'll be able to understand Nonna. Well, about half of her.
S: Half is the goal.
S#sicily_change: And small change to the Sicily plan: we can't get flights in August that don't cost a kidney, so we're going in the first two weeks of July instead.
L: That's even better, I'll actually be there at the same time! My family's lunch is on the 7th.
S: No way. We'll come.
L#honey: I'll bring you the first honey before you go. The bees have filled almost a whole frame.
S: Your own honey! Farmer Lucia.
L: Farmer Lucia, beekeeper, head of science. What a year.
S: What a year.
"""),
], [
("single", "What vegetable did Lucia have far too much of from her garden plot at the end of summer?", ["tomatoes"]),
("single", "What kind of vehicle did Sam buy to turn into a camper?", ["van_model"]),
("single", "What did Sam use to insulate his van?", ["van_insulation"]),
("single", "What did Lucia name the bird she sees near her new home?", ["heron"]),
("single", "How many students joined the robotics club at the start of the year?", ["club_signups"]),
("single", "What happened to Lucia's grandmother in October?", ["nonna_fall"]),
("single", "What score did Sam get on his first Italian quiz?", ["italian_test"]),
("speaker", "What did Sam say about the new headteacher when he started?", ["pratt_start"]),
("speaker", "What did Lucia say she did on the drive home with her bees?", ["bees_arrived"]),
("speaker", "What did Sam say his daughter thought the pool water tasted like?", ["rosie_feet"]),
("speaker", "What places in Sicily did Lucia recommend to Sam?", ["sicily_recs"]),
("temporal", "When did Lucia fly to Palermo to see her grandmother?", ["flight_palermo"]),
("temporal", "When did Lucia move into her flat by the canal?", ["moved_canal"]),
("temporal", "When does Sam's Italian evening class meet?", ["italian_class"]),
("temporal", "When did Lucia's bees arrive?", ["bees_arrived"]),
("multi", "What progress did Sam's daughter make in her swimming lessons over the year?", ["rosie_10m", "rosie_25m"]),
("multi", "How did the robotics team do in their two competitions?", ["qualifier_result", "regional_result"]),
("multi", "What work did Sam do on the van to make it livable?", ["van_insulation", "van_bed"]),
("changing", "When did the robotics qualifier end up taking place?", ["qualifier_moved"]),
("changing", "When is Sam's family going to Sicily?", ["sicily_change"]),
("changing", "What is Lucia's job at the school now?", ["head_of_science"]),
("changing", "Why did the robotics qualifier move, and what was the original date?", ["qualifier_feb", "qualifier_moved"]),
("context", "What was the outcome of Lucia's application to Ashcombe Academy?", ["ashcombe_no"]),
("context", "How did the robotics team do at the qualifier in March?", ["qualifier_result"]),
("context", "How was Sam's family's first trip in the camper?", ["van_trip"]),
("context", "Why is Mrs. Okonjo leaving the school?", ["okonjo_retire", "okonjo_why"]),
("speaker", "What did Sam say the students named their robot?", ["ziggy"]),
]
)


def build():
    messages, questions = [], []
    for name, speakers, sessions, asked in HAYSTACKS:
        where, last = {}, None  # label -> (message id, conversation id)
        for number, (start, title, block) in enumerate(sessions, 1):
            conversation = f"{name}-s{number:02d}"
            time = datetime.fromisoformat(start)
            assert last is None or time > last, conversation
            for turn, line in enumerate((l for l in block.strip().split("\n") if l.strip()), 1):
                head, text = line.split(": ", 1)
                initial, _, label = head.partition("#")
                message = f"{conversation}-m{turn:03d}"
                if label:
                    assert label not in where, (name, label)
                    where[label] = (message, conversation)
                if turn > 1:
                    time += timedelta(minutes=2 if turn % 3 == 0 else 1)
                last = time
                messages.append({"conversation_id": conversation, "conversation_title": title, "message_id": message,
                                 "speaker": speakers[initial], "role": "user", "time": time.strftime("%Y-%m-%dT%H:%M:00Z"),
                                 "text": text.strip()})
        asked_at = (last + timedelta(days=7)).replace(hour=12, minute=0).strftime("%Y-%m-%dT%H:%M:00Z")
        for number, (kind, question, labels) in enumerate(asked, 1):
            evidence = [where[label][0] for label in labels]
            sessions_of = sorted({where[label][1] for label in labels})
            questions.append({"haystack": name, "question_id": f"{name}-q{number:02d}", "question": question,
                              "asked_at": asked_at, "kind": kind, "evidence_message_ids": evidence,
                              "evidence_conversation_ids": sessions_of})
    folder = os.path.dirname(os.path.abspath(__file__))
    for file, rows in (("messages.jsonl", messages), ("questions.jsonl", questions)):
        with open(os.path.join(folder, file), "w", encoding="utf-8", newline="\n") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    build()
